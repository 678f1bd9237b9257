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
        var checks = FieldChecks(door: door)
        var draft = self
        draft.externalID = checks.text(Field.externalID, externalID)
        draft.title = checks.text(Field.title, title) ?? ""
        draft.description = checks.text(Field.description, description)
        draft.responsibleUnit = checks.text(Field.responsibleUnit, responsibleUnit) ?? ""
        draft.demands = demands.compactMap { checks.text(Field.demands, $0, required: false) }
        if draft.demands.isEmpty {
            checks.note(FieldProblem(
                Field.demands.name, value: nil, chinese: "项目须对应至少一条需求", english: "a project serves at least one demand"))
        }
        draft.allocations = allocations.map { request in
            var request = request
            request.resource = checks.text(Field.allocations, request.resource, required: true) ?? ""
            return request
        }
        checks.note(Self.allocatedTwice(draft.allocations))
        checks.note(Field.budget.money(budget))
        checks.note(Self.dueBeforeStart(startsOn: startsOn, dueOn: dueOn))
        try checks.finish()
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
