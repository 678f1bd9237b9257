extension ProjectImportRow {
    /// The row with its text trimmed (blank text absent), or every problem it has on its own,
    /// before any stored fact is consulted.
    ///
    /// A file's row is a new project's draft (``ProjectDraft/checked(on:door:)`` with door
    /// `.file`) plus how the project ended: the cancel reason against its declaration, and the closing rules (``closingProblems(status:completedOn:checkedOn:cancelReason:)``).
    /// What the stored lists decide (units, demands, resources, a stored project) is
    /// ``ProjectImportCheck``'s.
    ///
    /// ```swift
    /// let row = try ProjectImportRow(line: 2, externalID: "P1", title: "修路", responsibleUnitExternalID: "U1",
    ///                                demandExternalIDs: ["D1"]).checked(on: today)
    /// ```
    ///
    /// - Parameters:
    ///   - today: The day in the district (China).
    ///   - statusKnown: False when the file's status could not be read (the row then holds
    ///     the default): the rules that depend on the status are left out rather than
    ///     reported against a status the file did not give.
    /// - Throws: ``InvalidFields`` with every problem, in field order.
    public func checked(on today: CivilDate, statusKnown: Bool = true) throws(InvalidFields) -> ProjectImportRow {
        var problems: [FieldProblem] = []
        var row = self
        do throws(InvalidFields) {
            let draft = try self.draft.checked(on: today, door: .file)
            row.externalID = draft.externalID ?? ""
            row.title = draft.title
            row.description = draft.description
            row.responsibleUnitExternalID = draft.responsibleUnit
            row.demandExternalIDs = draft.demands
            row.allocations = draft.allocations
        } catch {
            problems += error.problems
        }
        if case .failure(let problem) = Field.cancelReason.text(cancelReason, required: false) { problems.append(problem) }
        problems += Self.closingProblems(
            status: statusKnown ? status : nil, completedOn: completedOn, checkedOn: checkedOn, cancelReason: cancelReason)
        guard problems.isEmpty else { throw InvalidFields(Self.inFieldOrder(problems)) }
        return row
    }

    /// A file's rating from its score and comment, or the problem with them: nil without
    /// either; a comment needs its score, and is checked against its declaration (a row's
    /// ``Rating`` holds a comment only with its score, so a reader asks this first).
    ///
    /// - Parameters:
    ///   - score: The score as read (1–5), if any.
    ///   - comment: The comment as read, if any.
    public static func rating(score: Int?, comment: String?) -> Result<Rating?, FieldProblem> {
        switch Field.ratingComment.text(comment, required: false) {
        case .failure(let problem): return .failure(problem)
        case .success(let comment):
            guard let score else {
                guard let comment else { return .success(nil) }
                return .failure(FieldProblem(
                    Field.ratingComment.name, value: comment, chinese: "有评价意见须有评分", english: "a comment needs its rating"))
            }
            do {
                return .success(try Rating(score: score, comment: comment))
            } catch let error as RegistryError {
                return .failure(FieldProblem(Field.rating.name, value: String(score), chinese: error.chineseMessage, english: error.englishMessage))
            } catch {
                return .failure(FieldProblem(Field.rating.name, value: String(score), chinese: "无效", english: "invalid"))
            }
        }
    }

    /// The rules of how a project ended, as a file gives it: a check never before the
    /// completion; a completion day only for a completed or checked project, a check day only
    /// for a checked one, a cancel reason only for a cancelled one. With no known status
    /// (nil), only the days' order is checked.
    ///
    /// - Parameter status: The project's status, if the file's could be read.
    /// - Returns: The problems, in the order of the file's columns.
    public static func closingProblems(
        status: ProjectStatus?, completedOn: CivilDate?, checkedOn: CivilDate?, cancelReason: String?
    ) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        func problem(_ field: FieldDeclaration, _ value: String?, _ chinese: String, _ english: String) {
            problems.append(FieldProblem(field.name, value: value, chinese: chinese, english: english))
        }
        if let completedOn, status.map({ $0 != .completed && $0 != .checked }) ?? false {
            problem(Field.completedOn, completedOn.description, "只有已完工或已验收的项目才有完工日期", "only a completed or checked project has a completion date")
        }
        if let checkedOn, let completedOn, checkedOn < completedOn {
            problem(Field.checkedOn, checkedOn.description, "验收日期早于完工日期 \(completedOn)", "the check is before the completion on \(completedOn)")
        }
        if let checkedOn, status.map({ $0 != .checked }) ?? false {
            problem(Field.checkedOn, checkedOn.description, "只有已验收的项目才有验收日期", "only a checked project has a check date")
        }
        if let cancelReason, status.map({ $0 != .cancelled }) ?? false {
            problem(Field.cancelReason, cancelReason, "只有已取消的项目才有取消原因", "only a cancelled project has a cancel reason")
        }
        return problems
    }

    private typealias Field = ProjectDraft.Field

    /// Problems sorted by their field's place among the declared fields (stable within one field).
    private static func inFieldOrder(_ problems: [FieldProblem]) -> [FieldProblem] {
        let order = Dictionary(Field.all.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        return problems.enumerated().sorted { a, b in
            (order[a.element.field] ?? .max, a.offset) < (order[b.element.field] ?? .max, b.offset)
        }.map(\.element)
    }
}
