/// A record's problems as its draft's `checked(on:door:)` collects them, in the order it
/// checks its fields: the one way a draft checks its text against the declarations.
struct FieldChecks {
    /// Where the draft came from, for what that door requires.
    let door: FieldDeclaration.Doors
    private(set) var problems: [FieldProblem] = []

    init(door: FieldDeclaration.Doors) {
        self.door = door
    }

    /// The text trimmed (nil when blank), checked against its declaration (required where
    /// `door` must give it, unless `required` says otherwise); a problem is noted and the
    /// value comes back as given.
    mutating func text(_ declaration: FieldDeclaration, _ value: String?, required: Bool? = nil) -> String? {
        switch declaration.text(value, required: required ?? !declaration.requiredIn.isDisjoint(with: door)) {
        case .success(let trimmed): return trimmed
        case .failure(let problem):
            problems.append(problem)
            return value
        }
    }

    /// Notes a rule's problem, if it found one.
    mutating func note(_ problem: FieldProblem?) {
        if let problem { problems.append(problem) }
    }

    /// Notes a rule's problems.
    mutating func note(_ found: [FieldProblem]) {
        problems += found
    }

    /// Refuses the record when anything was noted.
    ///
    /// - Throws: ``InvalidFields`` with every problem, in the order noted.
    func finish() throws(InvalidFields) {
        guard problems.isEmpty else { throw InvalidFields(problems) }
    }
}
