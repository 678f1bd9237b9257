import Foundation

extension MatchCommand {
    /// A problem in a kit CSV file: which file, which line, what.
    struct KitFileError: Error, CustomStringConvertible {
        var file: String
        var line: Int
        var message: String

        var description: String { "\(file):\(line): \(message)" }
    }

    /// One kit CSV file held as bytes: a header to check, then rows of plain fields
    /// (no quoting: the kit's ids and integers never need it), LF or CRLF.
    struct KitFile {
        let name: String
        let bytes: [UInt8]
        private let bodyStart: Int

        /// Reads a file and checks its header.
        init(_ directory: URL, _ name: String, header: String) throws {
            self.name = name
            do {
                bytes = [UInt8](try Data(contentsOf: directory.appending(path: name)))
            } catch {
                throw KitFileError(file: name, line: 0, message: "cannot read: \(error.localizedDescription)")
            }
            let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            var first = bytes[..<newline]
            if first.last == UInt8(ascii: "\r") { first = first.dropLast() }
            guard first.elementsEqual(header.utf8) else {
                throw KitFileError(file: name, line: 1, message: "the header must be \(header)")
            }
            bodyStart = min(newline + 1, bytes.count)
        }

        /// A generous guess of the number of rows (to size hash tables).
        var lineEstimate: Int { max(16, bytes.count / 8) }

        /// Calls `body` once per row with a cursor at the row's start; `body` must consume
        /// the whole row, line end included.
        func rows(_ body: (inout KitCursor) throws -> Void) throws {
            try bytes.withUnsafeBufferPointer { buffer in
                var cursor = KitCursor(buffer: buffer, position: bodyStart, line: 2, file: name)
                while cursor.position < buffer.count {
                    try body(&cursor)
                    cursor.line += 1
                }
            }
        }
    }

    /// Reads the fields of a row in place.
    struct KitCursor {
        let buffer: UnsafeBufferPointer<UInt8>
        var position: Int
        var line: Int
        let file: String

        func error(_ message: String) -> KitFileError {
            KitFileError(file: file, line: line, message: message)
        }

        /// The bytes up to the next comma (consumed); the row must go on after it.
        mutating func field() throws -> UnsafeBufferPointer<UInt8> {
            let start = position
            while position < buffer.count {
                let byte = buffer[position]
                if byte == UInt8(ascii: ",") {
                    position += 1
                    return UnsafeBufferPointer(rebasing: buffer[start..<position - 1])
                }
                if byte == UInt8(ascii: "\n") { break }
                position += 1
            }
            throw error("too few fields")
        }

        /// The next field as a string.
        mutating func text() throws -> String {
            String(decoding: try field(), as: UTF8.self)
        }

        /// The next field as a decimal integer; `last` when it ends the row.
        mutating func integer(last: Bool = false) throws -> Int64 {
            var value: Int64 = 0, digits = 0, negative = false
            if position < buffer.count && buffer[position] == UInt8(ascii: "-") {
                negative = true
                position += 1
            }
            while position < buffer.count {
                let digit = buffer[position] &- UInt8(ascii: "0")
                guard digit < 10 else { break }
                guard digits < 18 else { throw error("integer too long") }
                value = value * 10 + Int64(digit)
                digits += 1
                position += 1
            }
            guard digits > 0 else { throw error("expected an integer") }
            if last {
                if position < buffer.count && buffer[position] == UInt8(ascii: "\r") { position += 1 }
                guard position == buffer.count || buffer[position] == UInt8(ascii: "\n") else {
                    throw error("expected the end of the row")
                }
            } else {
                guard position < buffer.count && buffer[position] == UInt8(ascii: ",") else {
                    throw error("expected a comma after the integer")
                }
            }
            position += 1
            return negative ? -value : value
        }
    }
}
