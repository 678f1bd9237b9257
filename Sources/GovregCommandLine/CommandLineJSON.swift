import APISchema
public import Foundation

/// Every `--json` of the command line, and `export --format json`: the API's JSON
/// (``APIJSON``: snake_case keys such as `external_id`, ISO 8601 times), so that a script
/// reads a record with the same field names whether it asked the command line or the API.
/// Keys come sorted, so that two outputs compare line by line.
public enum CommandLineJSON {
    /// A document for a person or a script: indented two spaces, one key per line.
    public static func document(_ value: some Encodable) throws -> String {
        String(decoding: indented(try APIJSON.encode(value, sortedKeys: true)), as: UTF8.self)
    }

    /// One value on one line, for a list written a line per record (`export --format json`).
    public static func line(_ value: some Encodable) throws -> Data {
        try APIJSON.encode(value, sortedKeys: true)
    }

    /// Compact JSON laid out with two-space indents, `"key": value` and empty containers as
    /// `[]` and `{}`; text inside strings is copied unchanged. (Foundation's own pretty
    /// printing writes `"key" : value`, which the API's key rewriting does not read, so the
    /// layout comes after the rewriting.)
    public static func indented(_ json: Data) -> Data {
        let bytes = [UInt8](json)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        var depth = 0
        var inString = false
        var escaped = false
        func newLine() {
            out.append(UInt8(ascii: "\n"))
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
        }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if inString {
                out.append(byte)
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
                out.append(byte)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let closing = byte == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if index < bytes.count, bytes[index] == closing {
                    out.append(contentsOf: [byte, closing])
                    index += 1
                } else {
                    out.append(byte)
                    depth += 1
                    newLine()
                }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                newLine()
                out.append(byte)
            case UInt8(ascii: ","):
                out.append(byte)
                newLine()
            case UInt8(ascii: ":"):
                out.append(contentsOf: [byte, UInt8(ascii: " ")])
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                continue
            default:
                out.append(byte)
            }
        }
        return Data(out)
    }
}
