import ImportIssues

/// The byte-level CSV state machine behind ``CSVReader``.
///
/// It works in place on the decoded UTF-8: field contents are compacted towards the start of
/// the buffer (separators, line ends and quoting removed, `""` turned into `"`), so that
/// every field is the range between the previous field's end and its own end, and one
/// `UInt32` per field is all the bookkeeping there is. No `String` is created while parsing;
/// ``CSVRecord`` makes them on demand. Splitting only ever happens at ASCII bytes, so every
/// field of valid UTF-8 is itself valid UTF-8.
struct CSVParser {
    /// The end offset of every field kept, header first, in the compacted buffer.
    var fieldEnds: [UInt32] = []
    /// The line each kept record (header first) starts on.
    var recordLines: [Int] = []
    /// The header's field count, once the header has been read.
    var columnCount: Int?
    /// Whether each header field was quoted (quoted names are not trimmed).
    var headerQuoted: [Bool] = []

    private let separator: UInt8
    private static let quote = UInt8(ascii: "\"")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let lineFeed = UInt8(ascii: "\n")

    init(separator: Separator) {
        self.separator = separator.byte
    }

    /// Parses `bytes`, compacting them in place; on return `bytes` holds only field contents.
    ///
    /// - Parameters:
    ///   - bytes: Valid UTF-8, at most `UInt32.max` bytes.
    ///   - issues: Receives malformed quoting and rows whose field count differs from the header's.
    mutating func parse(_ bytes: inout [UInt8], issues: inout IssueList) {
        let written = bytes.withUnsafeMutableBufferPointer { buffer in
            parse(buffer, issues: &issues)
        }
        bytes.removeSubrange(written...)
    }

    /// - Returns: How many bytes of compacted field contents the buffer now starts with.
    private mutating func parse(_ buffer: UnsafeMutableBufferPointer<UInt8>, issues: inout IssueList) -> Int {
        let count = buffer.count
        var read = 0
        var write = 0
        var line = 1
        while read < count {
            let recordLine = line
            let recordFirstField = fieldEnds.count
            let recordStart = write
            var broken = false
            if columnCount == nil { headerQuoted.removeAll(keepingCapacity: true) }

            fields: while true {
                var quoted = false
                if read < count, buffer[read] == Self.quote {
                    quoted = true
                    let quoteLine = line
                    read += 1
                    var closed = false
                    while read < count {
                        let byte = buffer[read]
                        if byte == Self.quote {
                            if read + 1 < count, buffer[read + 1] == Self.quote {
                                buffer[write] = Self.quote
                                write += 1
                                read += 2
                                continue
                            }
                            read += 1
                            closed = true
                            break
                        }
                        // A CRLF is counted at its LF; a lone CR or LF counts at once.
                        if byte == Self.lineFeed || (byte == Self.carriageReturn
                            && !(read + 1 < count && buffer[read + 1] == Self.lineFeed))
                        {
                            line += 1
                        }
                        buffer[write] = byte
                        write += 1
                        read += 1
                    }
                    if !closed {
                        broken = true
                        issues.append(ImportIssue(
                            line: quoteLine,
                            reason: "引号字段缺少结束引号 a quoted field starts on this line but its closing quote (\") is missing"
                        ))
                    } else if read < count, !isFieldEnd(buffer[read]) {
                        // Not RFC 4180, but keep the text (as spreadsheets do) and say so.
                        broken = true
                        issues.append(ImportIssue(
                            line: line,
                            reason: "结束引号后还有文字（字段内的引号须写两次） text follows a closing quote; a quote inside a quoted field must be doubled (\"\")"
                        ))
                    }
                }
                // An unquoted field, or what follows a malformed quoted one. A quote in the
                // middle of an unquoted field is taken literally, as spreadsheets do.
                while read < count {
                    let byte = buffer[read]
                    if byte == separator || byte == Self.lineFeed || byte == Self.carriageReturn { break }
                    buffer[write] = byte
                    write += 1
                    read += 1
                }
                fieldEnds.append(UInt32(truncatingIfNeeded: write))
                if columnCount == nil { headerQuoted.append(quoted) }
                guard read < count else { break fields }
                let byte = buffer[read]
                read += 1
                if byte == separator { continue fields }
                if byte == Self.carriageReturn, read < count, buffer[read] == Self.lineFeed { read += 1 }
                line += 1
                break fields
            }

            let fieldCount = fieldEnds.count - recordFirstField
            // A record whose fields are all empty is a blank row (an empty line, or ",,,"
            // left by spreadsheet formatting): skip it wherever it is.
            let keep: Bool
            if write == recordStart, !broken {
                keep = false
            } else if let columnCount {
                if fieldCount != columnCount, !broken {
                    issues.append(ImportIssue(
                        line: recordLine,
                        reason: "有 \(fieldCount) 个字段，表头有 \(columnCount) 个 has \(fieldCount) \(fieldCount == 1 ? "field" : "fields"), "
                            + "but the header has \(columnCount)"
                    ))
                }
                keep = fieldCount == columnCount && !broken
            } else {
                // The first non-blank record is the header, broken or not.
                columnCount = fieldCount
                keep = true
            }
            if keep {
                recordLines.append(recordLine)
            } else {
                fieldEnds.removeSubrange(recordFirstField...)
                write = recordStart
            }
        }
        return write
    }

    @inline(__always)
    private func isFieldEnd(_ byte: UInt8) -> Bool {
        byte == separator || byte == Self.lineFeed || byte == Self.carriageReturn
    }
}
