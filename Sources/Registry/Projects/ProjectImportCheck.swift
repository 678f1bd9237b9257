/// The rules of a project file's rows against what is stored, as one pure check: every
/// problem with its line and column, and the plan to apply when there is none.
///
/// The store reads the facts the rows name (``ProjectImportFacts``), runs this, reports
/// ``problems`` (one issue each, in the column ``FieldProblem/field`` names) and, when there
/// are none, applies ``plan`` in order. The rows are read in file order, so a row sees what
/// the rows above it already claimed: a demand, a resource's remaining amount.
///
/// ```swift
/// let check = ProjectImportCheck(rows: rows, facts: facts, today: try .todayInChina())
/// guard check.problems.isEmpty else { … }
/// for step in check.plan { … }
/// ```
public struct ProjectImportCheck: Sendable {
    /// What one good row does: create the project (``stored`` nil) or update a stored one.
    public struct Step: Sendable, Hashable {
        public var row: ProjectImportRow
        /// The draws, by resource external id, in the row's order (drawn unless the new project is cancelled).
        public var draws: [Draw]
        /// The stored project the row updates; nil for a new one.
        public var stored: ProjectImportFacts.StoredProject?
    }

    /// An amount to draw from one resource, in the resource's stored unit (fen for yuan).
    public struct Draw: Sendable, Hashable {
        public var resource: String
        public var amount: Int64

        public init(resource: String, amount: Int64) {
            self.resource = resource
            self.amount = amount
        }
    }

    /// Every problem, row by row in file order.
    public private(set) var problems: [LineProblem] = []
    /// The rows to apply, each with a known unit; complete only when ``problems`` is empty.
    public private(set) var plan: [Step] = []

    /// Checks the rows against the facts.
    ///
    /// - Parameters:
    ///   - rows: The file's rows, as its reader gave them.
    ///   - facts: What is stored, read by the store for these rows.
    ///   - today: The day in the district (China): no completion or check after it, and the
    ///     day a step this file takes is dated when the file gives none.
    public init(rows: [ProjectImportRow], facts: ProjectImportFacts, today: CivilDate) {
        var rowState = RowState(facts: facts)
        for row in rows {
            var found: [FieldProblem] = []
            let draws = Self.check(row, facts: facts, today: today, state: &rowState, into: &found)
            problems += found.map { LineProblem(line: row.line, $0) }
            if facts.units.contains(row.responsibleUnitExternalID) {
                plan.append(Step(row: row, draws: draws, stored: facts.projects[row.externalID]))
            }
        }
    }

    /// What the rows above claimed.
    private struct RowState {
        var demandStates: [String: DemandState]
        var claimedBy: [String: String] = [:]
        var remaining: [String: Int64]
        var seen: [String: Int] = [:]

        init(facts: ProjectImportFacts) {
            demandStates = facts.demands
            remaining = facts.resources.mapValues(\.remaining)
        }
    }

    private typealias Field = ProjectDraft.Field

    /// One row's problems, in the order people read a row: its days, its id, unit and
    /// allocations, its rating, then what it does to a stored project or a new one's demands
    /// and resources. Returns the row's draws.
    private static func check(
        _ row: ProjectImportRow, facts: ProjectImportFacts, today: CivilDate, state: inout RowState, into problems: inout [FieldProblem]
    ) -> [Draw] {
        func problem(_ field: FieldDeclaration, _ value: String?, _ chinese: String, _ english: String) {
            problems.append(FieldProblem(field.name, value: value, chinese: chinese, english: english))
        }
        for (field, day) in [(Field.completedOn, row.completedOn), (Field.checkedOn, row.checkedOn)] {
            if let found = FieldProblem.afterToday(day, today: today, field: field.name) { problems.append(found) }
        }
        if let first = state.seen[row.externalID] {
            problem(Field.externalID, row.externalID, "编号重复", "duplicate external id (first on line \(first))")
        }
        state.seen[row.externalID] = state.seen[row.externalID] ?? row.line
        if !facts.units.contains(row.responsibleUnitExternalID) {
            problem(Field.responsibleUnit, row.responsibleUnitExternalID, "没有这个单位", "no such unit")
        }
        var draws: [Draw] = []
        for request in row.allocations {
            guard let resource = facts.resources[request.resource] else {
                problem(Field.allocations, request.resource, "没有这个资源", "no such resource")
                continue
            }
            switch request.amount(in: resource.unit) {
            case .success(let amount): draws.append(Draw(resource: request.resource, amount: amount))
            case .failure(let found): problems.append(found)
            }
        }
        if let rating = row.rating, !row.status.acceptsRating {
            problem(Field.rating, "\(rating.score)", "只有已完工或已验收的项目才能评价", "only a completed or checked project can be rated")
        }
        if let stored = facts.projects[row.externalID] {
            problems += storedProblems(row, stored, draws: draws, today: today)
        } else {
            problems += newProblems(row, draws: draws, facts: facts, state: &state)
        }
        return draws
    }

    /// A stored project's row: its demands, allocations, rating and cancel reason never
    /// change; its status only moves forward (or cancels a live project, with a reason); its
    /// days keep their order; its progress never goes back and is reported only in progress.
    private static func storedProblems(
        _ row: ProjectImportRow, _ stored: ProjectImportFacts.StoredProject, draws: [Draw], today: CivilDate
    ) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        func problem(_ field: FieldDeclaration, _ value: String?, _ chinese: String, _ english: String) {
            problems.append(FieldProblem(field.name, value: value, chinese: chinese, english: english))
        }
        if let score = stored.rating, row.rating?.score != score {
            problem(Field.rating, row.rating.map { "\($0.score)" } ?? "", "评价不能更改：已评 \(score) 分", "a rating is never changed; it is \(score)")
        }
        let wanted = Dictionary(draws.map { ($0.resource, $0.amount) }, uniquingKeysWith: +)
        if Set(row.demandExternalIDs) != Set(stored.demands) {
            problem(
                Field.demands, row.demandExternalIDs.joined(separator: ";"),
                "已有项目的需求不能通过导入更改（原为 \(stored.demands.joined(separator: ";"))）",
                "the demands of a stored project cannot change through import")
        }
        if wanted != stored.allocations {
            problem(
                Field.allocations, row.allocations.map { "\($0.resource):\($0.quantity)" }.joined(separator: ";"),
                "已有项目的资源分配不能通过导入更改；请取消后重建",
                "the allocations of a stored project cannot change through import; cancel it and create a new one")
        }
        let path = ProjectImportPlan.statusPath(from: stored.status, to: row.status)
        if path == nil {
            problem(
                Field.status, row.status.rawValue, "项目当前为「\(stored.status.chineseName)」，不能改为「\(row.status.chineseName)」",
                "the project is \(stored.status.rawValue) and cannot move to \(row.status.rawValue)")
        } else if path == [.cancelled], row.cancelReason == nil {
            problem(Field.cancelReason, nil, "取消项目须填写取消原因", "a cancellation needs its reason")
        }
        if stored.status == .cancelled, let reason = row.cancelReason, reason != stored.cancelReason {
            problem(Field.cancelReason, reason, "取消原因不能更改", "the cancel reason is never changed")
        }
        if let path, row.completedOn == nil || row.checkedOn == nil {
            // The days the project will have: the file's, else the step's (today), else the stored ones.
            let completed = row.completedOn ?? (path.contains(.completed) ? today : stored.completedOn)
            let checked = row.checkedOn ?? (path.contains(.checked) ? today : stored.checkedOn)
            if let completed, let checked, checked < completed {
                problem(
                    Field.checkedOn, checked.description, "验收日期早于完工日期 \(completed)", "the check is before the completion on \(completed)")
            }
        }
        let raised = row.progressPercent > stored.percent
        if let wentBack = ProgressReport.wentBack(
            from: ProgressMark(percent: stored.percent), to: ProgressMark(percent: row.progressPercent), field: Field.progressPercent.name)
        {
            problems.append(wentBack)
        } else if raised, path == [.cancelled] {
            problem(Field.progressPercent, "\(row.progressPercent)", "取消项目时不能再汇报进度", "a project being cancelled reports no progress")
        } else if raised, let path, stored.status != .inProgress, !path.contains(.inProgress) {
            problem(
                Field.progressPercent, "\(row.progressPercent)", "只有实施中的项目才能汇报进度",
                "progress is reported only while a project is in progress")
        }
        return problems
    }

    /// A new project's row: no progress while planned; each demand exists, is served by no
    /// other live project (stored, or claimed by a row above) and can be taken to where the
    /// status puts it; each resource it draws (unless cancelled) is drawable and has enough
    /// left after the rows above.
    private static func newProblems(
        _ row: ProjectImportRow, draws: [Draw], facts: ProjectImportFacts, state: inout RowState
    ) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        func problem(_ field: FieldDeclaration, _ value: String?, _ chinese: String, _ english: String) {
            problems.append(FieldProblem(field.name, value: value, chinese: chinese, english: english))
        }
        if row.status == .planned, row.progressPercent > 0 {
            problem(Field.progressPercent, "\(row.progressPercent)", "计划中的项目尚无进度", "a planned project has no progress yet")
        }
        let live = row.status != .cancelled
        for external in row.demandExternalIDs {
            guard let current = state.demandStates[external] else {
                problem(Field.demands, external, "没有这个需求", "no such demand")
                continue
            }
            // One demand, one live project: a second would claim the need twice.
            if live, let holder = facts.heldBy[external] ?? state.claimedBy[external] {
                problem(Field.demands, external, "需求已由项目 \(holder) 承接", "the demand is already served by project \(holder)")
                continue
            }
            if live { state.claimedBy[external] = row.externalID }
            guard let path = ProjectImportPlan.demandPath(from: current, serving: row.status) else {
                problem(
                    Field.demands, external, "需求当前为「\(current.chineseName)」，不能纳入项目",
                    "the demand is \(current.rawValue); projects take accepted or matched demands")
                continue
            }
            // A demand already where the status puts it (an empty path) keeps its stored state.
            state.demandStates[external] = path.last ?? facts.demands[external] ?? current
        }
        guard live else { return problems }
        for draw in draws {
            guard let resource = facts.resources[draw.resource] else { continue }
            let left = state.remaining[draw.resource] ?? 0
            if let refused = resource.status.notDrawable(field: Field.allocations.name, value: draw.resource) {
                problems.append(refused)
            } else if draw.amount > left {
                let zh = resource.unit.chineseText, en = resource.unit.englishText
                problem(
                    Field.allocations, draw.resource, "资源剩余不足：剩余 \(zh(left))，本次支取 \(zh(draw.amount))",
                    "not enough remaining: \(en(left)) left, \(en(draw.amount)) requested")
            }
            state.remaining[draw.resource] = left - draw.amount
        }
        return problems
    }
}
