/// The character between fields.
///
/// Chinese spreadsheets use the comma; Excel's "Unicode text" uses the tab; Excel in some
/// European locales writes semicolons. ``CSVReader`` detects comma and tab by itself.
public enum Separator: Sendable, Hashable, CustomStringConvertible {
    /// `,` — RFC 4180.
    case comma
    /// A horizontal tab.
    case tab
    /// `;`
    case semicolon

    /// The separator's byte in UTF-8.
    var byte: UInt8 {
        switch self {
        case .comma: UInt8(ascii: ",")
        case .tab: UInt8(ascii: "\t")
        case .semicolon: UInt8(ascii: ";")
        }
    }

    public var description: String {
        switch self {
        case .comma: "comma"
        case .tab: "tab"
        case .semicolon: "semicolon"
        }
    }

    /// The separator of a file whose first record has tabs and no commas is the tab;
    /// otherwise it is the comma.
    ///
    /// - Parameter utf8: The decoded text; only its first record (up to a line end outside
    ///   quotes) is looked at.
    static func detect(in utf8: UnsafeBufferPointer<UInt8>) -> Separator {
        var insideQuotes = false
        var sawTab = false
        var sawNonBlank = false
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "\""):
                insideQuotes.toggle()
            case UInt8(ascii: ","):
                if !insideQuotes { return .comma }
            case UInt8(ascii: "\t"):
                if !insideQuotes { sawTab = true }
            case UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                // Blank lines before the header do not end the search.
                if !insideQuotes, sawNonBlank { return sawTab ? .tab : .comma }
                continue
            default:
                break
            }
            sawNonBlank = true
        }
        return sawTab ? .tab : .comma
    }
}
