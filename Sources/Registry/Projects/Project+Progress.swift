extension Project {
    /// Adds a progress report.
    ///
    /// Reports are accepted while the work is in progress, and in the order of their days
    /// (reports of one day in the order they came) their percentages never decrease: a
    /// figure below that of a report of the same or an earlier day is refused, as is one
    /// above that of a later day's (a report dated back), since the quarterly report would
    /// otherwise show work being undone.
    ///
    /// ```swift
    /// try project.report(try ProgressReport(on: try CivilDate("2024-06-30"), percentage: 60))
    /// ```
    ///
    /// - Parameter report: The report.
    /// - Throws: ``RegistryError``: `notAllowedInState` unless the project is in progress,
    ///   `progressWentBack` when the history would go back (the message gives both
    ///   figures and days).
    public mutating func report(_ report: ProgressReport) throws {
        guard status == .inProgress else {
            throw RegistryError(
                .notAllowedInState, field: "status",
                chinese: "项目当前状态为「\(status.chineseName)」，只有实施中的项目才能汇报进度",
                english: "the project is \(status.rawValue); progress is reported only while it is in_progress"
            )
        }
        // `progress` is in day order: the new report goes after every report of its day.
        let position = progress.firstIndex { $0.on > report.on } ?? progress.endIndex
        if let earlier = progress[..<position].max(by: { $0.percentage < $1.percentage }),
            let problem = ProgressReport.wentBack(from: earlier.mark, to: report.mark, field: "percentage") {
            throw RegistryError(wentBack: problem)
        }
        if let later = progress[position...].min(by: { $0.percentage < $1.percentage }),
            let problem = ProgressReport.wentBack(from: report.mark, to: later.mark, field: "percentage") {
            throw RegistryError(wentBack: problem)
        }
        progress.insert(report, at: position)
    }

    /// Checks that a milestone may be marked reached: while the project is planned or in
    /// progress (a completed project may still record one late), never once it is checked or
    /// cancelled.
    ///
    /// - Throws: ``RegistryError`` `notAllowedInState`.
    public func checkMilestoneMayBeReached() throws {
        guard status != .checked && status != .cancelled else {
            throw RegistryError(
                .notAllowedInState, field: "status",
                chinese: "项目当前状态为「\(status.chineseName)」，不能再记录里程碑",
                english: "the project is \(status.rawValue); its milestones can no longer change"
            )
        }
    }

    /// Records the residents' rating (评单).
    ///
    /// - Parameter rating: 1 to 5 and an optional comment.
    /// - Throws: ``RegistryError``: `notAllowedInState` unless the project is completed or
    ///   checked; `alreadyRated` when it carries a rating already (a verdict is never
    ///   overwritten; a dispute is a new demand).
    public mutating func rate(_ rating: Rating) throws {
        guard status.acceptsRating else {
            throw RegistryError(
                .notAllowedInState, field: "status",
                chinese: "项目当前状态为「\(status.chineseName)」，完工或验收后才能评价",
                english: "the project is \(status.rawValue); it can be rated only once completed or checked"
            )
        }
        guard self.rating == nil else {
            throw RegistryError(
                .alreadyRated, field: "rating",
                chinese: "该项目已有评价，不能覆盖", english: "the project is already rated; a rating is never overwritten"
            )
        }
        self.rating = rating
    }
}
