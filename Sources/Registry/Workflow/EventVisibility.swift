/// Who may read a workflow event and its note.
public enum EventVisibility: String, Vocabulary {
    /// Staff only: the event never appears in the public history.
    case `internal`
    /// Residents too: the event, mapped to a public status, and its note are disclosed.
    case `public`

    public static let fieldName = "visibility"

    public var chineseName: String {
        switch self {
        case .internal: "内部"
        case .public: "公开"
        }
    }

    public var englishName: String { rawValue }
}
