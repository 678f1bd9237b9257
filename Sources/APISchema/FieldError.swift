/// One invalid input of a request: where (a JSON Pointer into the body, or `query:name` /
/// `header:Name`) and what is wrong, in Chinese and English.
public struct FieldError: Sendable, Equatable, Codable {
    public var field: String
    public var detail: String

    public init(field: String, detail: String) {
        self.field = field
        self.detail = detail
    }
}
