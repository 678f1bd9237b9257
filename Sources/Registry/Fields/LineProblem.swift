/// A field's problem on one line of an import file: what a pure check of a whole file's
/// rows (``ProjectImportCheck``) finds, for the store to report as the file's issue at
/// `line`, in the column ``FieldProblem/field`` names.
public struct LineProblem: Sendable, Hashable, CustomStringConvertible {
    /// The file line of the row.
    public var line: Int
    public var problem: FieldProblem

    /// Places a problem on a line.
    public init(line: Int, _ problem: FieldProblem) {
        self.line = line
        self.problem = problem
    }

    /// The field (the file's column by its declared name).
    public var field: String { problem.field }

    public var description: String { "line \(line), \(problem)" }
}
