import Foundation

/// The API's JSON keys: Swift's `camelCase` property names as `snake_case`, spelled as
/// Foundation's `.convertToSnakeCase` spells them (`externalID` → `external_id`,
/// `myURLValue` → `my_url_value`).
///
/// Foundation converts each key as it encodes it, and on list pages that was a fifth of the
/// server's CPU time (perf, 50-item pages; a custom key strategy was no cheaper, since it
/// builds the coding path for every key). Here the JSON is encoded with the properties'
/// own names and its keys rewritten in one pass over the bytes: in JSON, a string followed
/// by `:` is always an object key. Only keys that start with a lower-case ASCII letter are
/// rewritten, as property names do; dictionary keys that are codes (`C11`, `G111`) or
/// Chinese stay as they are (Foundation leaves every dictionary key alone).
enum SnakeCaseKeys {
    /// `json` with every object key in snake_case; strings that are values are untouched.
    static func rewrite(_ json: Data) -> Data {
        let bytes = [UInt8](json)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 16)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            guard byte == UInt8(ascii: "\"") else {
                out.append(byte)
                i += 1
                continue
            }
            var end = i + 1
            while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
                end += bytes[end] == UInt8(ascii: "\\") ? 2 : 1
            }
            let isKey = end + 1 < bytes.count && bytes[end + 1] == UInt8(ascii: ":") && i + 1 < end && isLower(bytes[i + 1])
            if isKey {
                out.append(byte)
                appendSnakeCased(bytes[(i + 1)..<min(end, bytes.count)], to: &out)
                out.append(UInt8(ascii: "\""))
            } else {
                out.append(contentsOf: bytes[i...min(end, bytes.count - 1)])
            }
            i = end + 1
        }
        return Data(out)
    }

    /// Appends `name` in snake_case: a word starts at a capital after a lower-case letter or
    /// a digit, and at the last capital of an acronym that a lower-case letter follows.
    static func appendSnakeCased(_ name: ArraySlice<UInt8>, to out: inout [UInt8]) {
        let start = name.startIndex
        for i in name.indices {
            let byte = name[i]
            guard isUpper(byte) else {
                out.append(byte)
                continue
            }
            if i > start {
                let previous = name[i - 1]
                let nextIsLower = i + 1 < name.endIndex && isLower(name[i + 1])
                if previous != UInt8(ascii: "_"), !isUpper(previous) || nextIsLower { out.append(UInt8(ascii: "_")) }
            }
            out.append(byte + 32)
        }
    }

    private static func isUpper(_ byte: UInt8) -> Bool { byte >= 65 && byte <= 90 }
    private static func isLower(_ byte: UInt8) -> Bool { byte >= 97 && byte <= 122 }
}
