extension DemandDraft {
    /// The draft with its text trimmed (blank text absent), or every problem it has.
    ///
    /// The rules of a new demand, for every door: each text field against its declaration
    /// (required, no NUL, the length limit), the numbers against their ranges, and the rules
    /// across fields: raised no later than `today` and due no earlier than raised; a state
    /// only a workflow can reach (merged needs a target, rated a rating) is refused; a settled
    /// level only for a resolved or rated demand, and never above the level it was handed up
    /// to. What only the database knows (the category, the org unit, a taken external id) the
    /// store adds.
    ///
    /// - Parameters:
    ///   - today: The day in the district (China), against which `filed_on` is checked.
    ///   - door: Where the draft came from, for what that door requires (a file must give the
    ///     external id).
    ///   - channels: The source channels there are: the core's and the shipped modules'
    ///     (``ModuleCatalogue/sourceChannels``).
    /// - Throws: ``InvalidFields`` with every problem, in field order.
    public func checked(
        on today: CivilDate, door: FieldDeclaration.Doors, channels: SourceChannels
    ) throws(InvalidFields) -> DemandDraft {
        var checks = FieldChecks(door: door)
        var draft = self
        draft.externalID = checks.text(Field.externalID, externalID)
        draft.title = checks.text(Field.title, title) ?? ""
        draft.details = checks.text(Field.description, details)
        draft.category = checks.text(Field.category, category) ?? ""
        draft.orgCode = checks.text(Field.orgCode, orgCode) ?? ""
        if !channels.contains(sourceChannel) {
            let known = channels.entries.map { "\($0.channel.rawValue) (\($0.chineseName))" }.joined(separator: ", ")
            checks.note(FieldProblem(
                Field.sourceChannel.name, value: sourceChannel.rawValue, chinese: "不是可用的来源渠道：\(known)",
                english: "is not one of the channels: \(known)"))
        }
        checks.note(Field.beneficiaries.integer(beneficiaries))
        checks.note(Field.reporter.integer(reporter.map { Int($0.rawValue) }))
        checks.note(dayProblems(today: today))
        checks.note(workflowProblems())
        try checks.finish()
        return draft
    }

    /// Raised no later than today, due no earlier than raised (the days' shared rules).
    private func dayProblems(today: CivilDate) -> [FieldProblem] {
        let raised = DayName("提出日期", "the day it was raised")
        return [
            FieldProblem.afterToday(filedOn, today: today, field: Field.filedOn.name, named: raised),
            FieldProblem.before(dueOn, filedOn, field: Field.dueOn.name, named: DayName("期限", "the due day"), earliestNamed: raised),
        ].compactMap { $0 }
    }

    /// A state, escalation and settled level that a demand could have reached.
    private func workflowProblems() -> [FieldProblem] {
        var problems: [FieldProblem] = []
        if let state, state == .merged || state == .rated {
            problems.append(FieldProblem(
                Field.state.name, value: state.rawValue,
                chinese: "新需求不能是「\(state.chineseName)」状态（需要合并目标或评分）；请以已列入清单录入，再办理",
                english: "a new demand cannot be \(state.rawValue): that needs a merge target or a rating;"
                    + " record it as accepted and use `govreg demand transition`"))
        }
        if let settledLevel {
            if state != .resolved, state != .rated {
                problems.append(FieldProblem(
                    Field.settledLevel.name, value: settledLevel.rawValue, chinese: "只有已解决或已评价的需求才有办结层级",
                    english: "only a resolved or rated demand has a settled level"))
            } else if settledLevel > (escalationLevel ?? .grid) {
                problems.append(FieldProblem(
                    Field.settledLevel.name, value: settledLevel.rawValue, chinese: "办结层级高于上报层级",
                    english: "the settled level is above the level it was handed up to"))
            }
        }
        return problems
    }
}
