/// One invalid input of a request: where (a JSON Pointer into the body, or `query:name` /
/// `header:Name`) and what is wrong, in Chinese and English.
public struct FieldError: Sendable, Equatable, Codable {
    public var field: String
    public var detail: String
    /// The spreadsheet cell (`需求!C17`) of an imported workbook's problem.
    public var cell: String?

    public init(field: String, detail: String, cell: String? = nil) {
        self.field = field
        self.detail = detail
        self.cell = cell
    }
}
