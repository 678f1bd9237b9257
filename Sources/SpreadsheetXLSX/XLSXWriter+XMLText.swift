/// Text written into the workbook's XML: markup characters escaped, and characters that
/// XML 1.0 cannot carry at all replaced.
///
/// `& < > " '` become entities. A carriage return is written as `&#13;`, because an XML
/// reader turns a literal CR (and CR LF) into LF; tab and LF are kept. The control
/// characters U+0000–U+001F other than those three, and U+FFFE and U+FFFF, are not allowed
/// in XML 1.0 even as references: each is REPLACED by U+FFFD (�), so a reader sees that
/// something was there rather than losing it silently.
enum XMLText {
    static func append(_ text: String, to xml: inout [UInt8]) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": xml.append(contentsOf: "&amp;".utf8)
            case "<": xml.append(contentsOf: "&lt;".utf8)
            case ">": xml.append(contentsOf: "&gt;".utf8)
            case "\"": xml.append(contentsOf: "&quot;".utf8)
            case "'": xml.append(contentsOf: "&apos;".utf8)
            case "\r": xml.append(contentsOf: "&#13;".utf8)
            case "\t", "\n": xml.append(UInt8(scalar.value))
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                xml.append(contentsOf: "\u{FFFD}".utf8)
            case _ where scalar.isASCII:
                xml.append(UInt8(scalar.value))
            default:
                xml.append(contentsOf: String(scalar).utf8)
            }
        }
    }

    /// `text` escaped, as a String (for the small parts: sheet names, defined names).
    static func escaped(_ text: String) -> String {
        var xml: [UInt8] = []
        append(text, to: &xml)
        return String(decoding: xml, as: UTF8.self)
    }
}
