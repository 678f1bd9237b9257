extension ResourceDraft {
    /// The draft with its text trimmed (blank text absent), or every problem it has.
    ///
    /// The rules of a new resource, for every door: each text field against its declaration
    /// (required, no NUL, the length limit), each service-area code as text a store can look
    /// up, a capacity above 0, a unit cost that is not negative, and an availability window
    /// that does not end before it starts. What only the database knows (the unit, the
    /// category, the org codes, a taken external id, a stored resource's ledger) the store adds.
    ///
    /// - Parameters:
    ///   - today: The day in the district (China). No field of a new resource is bound by it
    ///     yet (a window may lie ahead); it is taken as every draft's check takes it.
    ///   - door: Where the draft came from, for what that door requires (a file must give the
    ///     external id).
    /// - Throws: ``InvalidFields`` with every problem, in field order.
    public func checked(on today: CivilDate, door: FieldDeclaration.Doors) throws(InvalidFields) -> ResourceDraft {
        var checks = FieldChecks(door: door)
        var draft = self
        draft.externalID = checks.text(Field.externalID, externalID)
        draft.unit = checks.text(Field.unit, unit) ?? ""
        draft.title = checks.text(Field.title, title) ?? ""
        draft.description = checks.text(Field.description, description)
        draft.category = checks.text(Field.category, category) ?? ""
        checks.note(Field.capacity.amount(capacity).map { problem in
            // Shown in the unit people write it in: yuan for funds.
            var problem = problem
            problem.value = measureUnit == .yuan ? Money(fen: capacity).description : String(capacity)
            return problem
        })
        checks.note(Field.unitCost.money(unitCost))
        draft.serviceArea = serviceArea.compactMap { checks.text(Field.serviceArea, $0, required: false) }
        checks.note(Self.windowProblem(from: availableFrom, until: availableUntil))
        try checks.finish()
        return draft
    }

    /// The rule of an availability window: it ends no earlier than it starts (one day is a
    /// window); nil when either end is open.
    public static func windowProblem(from: CivilDate?, until: CivilDate?) -> FieldProblem? {
        FieldProblem.before(
            until, from, field: Field.availableUntil.name, named: DayName("可用期结束日", "the availability window's end"),
            earliestNamed: DayName("开始日", "its start"))
    }
}
