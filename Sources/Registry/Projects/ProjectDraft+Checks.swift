extension ProjectDraft {
    /// The draft with its text trimmed (blank text absent), or every problem it has.
    ///
    /// The rules of a new project, for every door: each text field against its declaration
    /// (required, no NUL, the length limit), at least one demand, every demand and resource
    /// named in text a store can look up, each resource allocated once with a quantity, a
    /// budget that is not negative, and due no earlier than the start. What only the
    /// database knows (the unit, the demands' states, the resources' units, status and what
    /// remains) the store adds; a file's rows meet those in ``ProjectImportCheck``.
    ///
    /// - Parameters:
    ///   - today: The day in the district (China). No field of a new project is bound by it
    ///     yet (a project may start or be due later); it is taken as every draft's check takes it.
    ///   - door: Where the draft came from, for what that door requires (a file must give the
    ///     external id).
    /// - Throws: ``InvalidFields`` with every problem, in field order.
    public func checked(on today: CivilDate, door: FieldDeclaration.Doors) throws(InvalidFields) -> ProjectDraft {
        var problems: [FieldProblem] = []
        var draft = self
        func text(_ declaration: FieldDeclaration, _ value: String?, required: Bool? = nil) -> String? {
            switch declaration.text(value, required: required ?? !declaration.requiredIn.isDisjoint(with: door)) {
            case .success(let trimmed): return trimmed
            case .failure(let problem):
                problems.append(problem)
                return value
            }
        }
        draft.externalID = text(Field.externalID, externalID)
        draft.title = text(Field.title, title) ?? ""
        draft.description = text(Field.description, description)
        draft.responsibleUnit = text(Field.responsibleUnit, responsibleUnit) ?? ""
        draft.demands = demands.compactMap { text(Field.demands, $0, required: false) }
        if draft.demands.isEmpty {
            problems.append(FieldProblem(
                Field.demands.name, value: nil, chinese: "项目须对应至少一条需求", english: "a project serves at least one demand"))
        }
        draft.allocations = allocations.map { request in
            var request = request
            request.resource = text(Field.allocations, request.resource, required: true) ?? ""
            return request
        }
        problems += Self.allocatedTwice(draft.allocations)
        if let problem = Field.budget.money(budget) { problems.append(problem) }
        if let problem = Self.dueBeforeStart(startsOn: startsOn, dueOn: dueOn) { problems.append(problem) }
        guard problems.isEmpty else { throw InvalidFields(problems) }
        return draft
    }

    /// The rule of a project's planned days: due no earlier than the start (the same day is
    /// in order); nil when either is absent.
    public static func dueBeforeStart(startsOn: CivilDate?, dueOn: CivilDate?) -> FieldProblem? {
        FieldProblem.before(
            dueOn, startsOn, field: Field.dueOn.name, named: DayName("完成时限", "the due date"),
            earliestNamed: DayName("开始日期", "the start"))
    }

    /// The rule of allocations: each resource once. One problem for every repeat, valued
    /// with the resource as written.
    public static func allocatedTwice(_ requests: [ProjectAllocationRequest]) -> [FieldProblem] {
        var seen: Set<String> = []
        return requests.compactMap { request in
            seen.insert(request.resource).inserted ? nil : allocatedTwice(request.resource)
        }
    }

    /// The problem of `resource` allocated a second time in one project.
    public static func allocatedTwice(_ resource: String) -> FieldProblem {
        FieldProblem(Field.allocations.name, value: resource, chinese: "同一资源重复分配", english: "allocated twice")
    }
}
