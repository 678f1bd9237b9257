/// A point of a project's progress history: a percentage and, when known, the day of the
/// report that gave it (a stored project's current percentage has none).
public struct ProgressMark: Sendable, Hashable {
    public var on: CivilDate?
    public var percent: Int

    /// Makes a mark.
    public init(on: CivilDate? = nil, percent: Int) {
        self.on = on
        self.percent = percent
    }
}

extension ProgressReport {
    /// The report as a point of its project's history.
    public var mark: ProgressMark { ProgressMark(on: on, percent: percentage) }

    /// The one rule of a project's history: progress never goes back. Nil when `later`
    /// (a report after `earlier` in day order, or a file's figure for a stored project) is
    /// not below `earlier`; equal figures are in order.
    ///
    /// The domain's ``Project/report(_:)``, a progress file's merge with the stored history
    /// and a project file's `progress_percent` all ask this.
    ///
    /// ```swift
    /// ProgressReport.wentBack(from: ProgressMark(percent: 60), to: ProgressMark(percent: 40), field: "progress_percent")
    /// // 进度不能倒退：当前为 60% progress cannot go back from 60%
    /// ```
    ///
    /// - Parameters:
    ///   - earlier: The figure that came first.
    ///   - later: The figure that came after it.
    ///   - field: The declared name of the field the later figure is in.
    /// - Returns: The problem, valued with `later`'s figure, naming both days when both are known.
    public static func wentBack(from earlier: ProgressMark, to later: ProgressMark, field: String) -> FieldProblem? {
        guard later.percent < earlier.percent else { return nil }
        let value = String(later.percent)
        guard let earlierDay = earlier.on, let laterDay = later.on else {
            return FieldProblem(
                field, value: value, chinese: "进度不能倒退：当前为 \(earlier.percent)%",
                english: "progress cannot go back from \(earlier.percent)%")
        }
        return FieldProblem(
            field, value: value,
            chinese: "进度不能倒退：\(earlierDay) 的汇报为 \(earlier.percent)%，\(laterDay) 的汇报为 \(later.percent)%",
            english: "progress cannot go back: the report of \(earlierDay) says \(earlier.percent)%, the one of \(laterDay) says \(later.percent)%")
    }
}

extension RegistryError {
    /// A history that would go back (``ProgressReport/wentBack(from:to:field:)``), refused as `progressWentBack`.
    init(wentBack problem: FieldProblem) {
        self.init(.progressWentBack, field: problem.field, chinese: problem.chinese, english: problem.english)
    }
}
