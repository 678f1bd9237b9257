public import ImportIssues

extension TextEncoding {
    static let utf8ByteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
    static let utf16LittleEndianByteOrderMark: [UInt8] = [0xFF, 0xFE]
    /// U+FEFF in GB18030: what `iconv -t GB18030` makes of a UTF-8 file's byte order mark.
    static let gb18030ByteOrderMark: [UInt8] = [0x84, 0x31, 0x95, 0x33]

    /// Converts a file's bytes to UTF-8, detecting the encoding if this is `automatic`.
    ///
    /// Undecodable bytes are the one problem this module does not collect and continue past:
    /// nothing after them can be trusted, so the first one is thrown.
    ///
    /// ```swift
    /// let text = try TextEncoding.automatic.decode(bytes)
    /// print(text.encoding)   // GB18030
    /// ```
    ///
    /// - Parameter bytes: The file's contents.
    /// - Returns: The text as UTF-8, without a byte order mark, and the encoding found.
    /// - Throws: An ``ImportIssue`` naming the line and byte offset of the first byte that
    ///   is not valid in the encoding (in any encoding tried, for `automatic`).
    public func decode(_ bytes: [UInt8]) throws(ImportIssue) -> DecodedText {
        // `nil` means the bytes are UTF-8 as they are: hand back the caller's array rather
        // than a copy, as a million-row file is 100 MB.
        let result = bytes.withUnsafeBufferPointer { decode($0) }
        return try result.get() ?? DecodedText(utf8: bytes, encoding: .utf8)
    }

    private func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<DecodedText?, ImportIssue> {
        let hasUTF8Mark = bytes.starts(with: Self.utf8ByteOrderMark)
        let hasUTF16Mark = bytes.starts(with: Self.utf16LittleEndianByteOrderMark)
        let hasGBMark = bytes.starts(with: Self.gb18030ByteOrderMark)
        switch self {
        case .utf8:
            return Self.decodeUTF8(bytes, markLength: hasUTF8Mark ? 3 : 0)
        case .gb18030:
            return Self.decodeGB18030(bytes, markLength: hasGBMark ? 4 : 0).map { $0 }
        case .utf16LittleEndian:
            return Self.decodeUTF16LittleEndian(bytes, markLength: hasUTF16Mark ? 2 : 0).map { $0 }
        case .automatic:
            // A byte order mark is a declaration: trust it, and do not guess further.
            if hasUTF8Mark { return Self.decodeUTF8(bytes, markLength: 3) }
            if hasUTF16Mark { return Self.decodeUTF16LittleEndian(bytes, markLength: 2).map { $0 } }
            if hasGBMark { return Self.decodeGB18030(bytes, markLength: 4).map { $0 } }
            guard let utf8Offset = UTF8Validation.firstInvalidOffset(in: bytes) else { return .success(nil) }
            // A file is in one encoding. Its first line with a non-ASCII character says which:
            // if that line is UTF-8, a later line that is not is refused (not read as GB18030,
            // which would turn every UTF-8 line into mojibake).
            if let firstLine = Self.firstNonASCIILine(bytes), firstLine.upperBound <= utf8Offset {
                return .failure(Self.mixed(in: bytes, at: utf8Offset, lineIs: "不是 UTF-8 编码", english: "is not UTF-8"))
            }
            switch Iconv.convertToUTF8(bytes, from: "GB18030") {
            case .converted(let utf8):
                // …and in a GB18030 file, a line that reads as UTF-8 Chinese is one pasted
                // from a UTF-8 file.
                if let offset = Self.firstUTF8Line(bytes) {
                    return .failure(Self.mixed(in: bytes, at: offset, lineIs: "是 UTF-8 编码，而文件是 GB18030", english: "is UTF-8 in a GB18030 file"))
                }
                return .success(DecodedText(utf8: utf8, encoding: .gb18030))
            case .invalid(let gbOffset):
                // Neither fits. Blame the encoding that got further: that is more likely the
                // one the file is in, with a damaged byte, than the other.
                let offset = max(utf8Offset, gbOffset)
                return .failure(Self.badBytes(in: bytes, at: offset, unitSize: 1, encodingNames: "UTF-8 or GB18030"))
            case .unavailable:
                return .failure(Self.badBytes(in: bytes, at: utf8Offset, unitSize: 1, encodingNames: "UTF-8"))
            }
        }
    }

    /// - Returns: The text without its mark, or `nil` if there is no mark (the bytes are
    ///   then valid as they are).
    private static func decodeUTF8(
        _ bytes: UnsafeBufferPointer<UInt8>,
        markLength: Int
    ) -> Result<DecodedText?, ImportIssue> {
        let body = UnsafeBufferPointer(rebasing: bytes[markLength...])
        if let offset = UTF8Validation.firstInvalidOffset(in: body) {
            return .failure(badBytes(in: bytes, at: markLength + offset, unitSize: 1, encodingNames: "UTF-8"))
        }
        return .success(markLength > 0 ? DecodedText(utf8: Array(body), encoding: .utf8WithByteOrderMark) : nil)
    }

    private static func decodeGB18030(_ bytes: UnsafeBufferPointer<UInt8>, markLength: Int) -> Result<DecodedText, ImportIssue> {
        let body = UnsafeBufferPointer(rebasing: bytes[markLength...])
        switch Iconv.convertToUTF8(body, from: "GB18030") {
        case .converted(let utf8):
            return .success(DecodedText(utf8: utf8, encoding: .gb18030))
        case .invalid(let offset):
            return .failure(badBytes(in: bytes, at: markLength + offset, unitSize: 1, encodingNames: "GB18030"))
        case .unavailable:
            return .failure(ImportIssue(line: 1, reason: "本机无法转换 GB18030 编码 this system cannot convert from GB18030 (iconv lacks it)"))
        }
    }

    private static func decodeUTF16LittleEndian(
        _ bytes: UnsafeBufferPointer<UInt8>,
        markLength: Int
    ) -> Result<DecodedText, ImportIssue> {
        let body = UnsafeBufferPointer(rebasing: bytes[markLength...])
        switch Iconv.convertToUTF8(body, from: "UTF-16LE") {
        case .converted(let utf8):
            // Keep the UTF-8 invariant even if iconv let something odd through.
            if let offset = utf8.withUnsafeBufferPointer({ UTF8Validation.firstInvalidOffset(in: $0) }) {
                return .failure(ImportIssue(line: 1, reason: "UTF-16 转换出错 UTF-16 converted to invalid UTF-8 at byte \(offset)"))
            }
            return .success(DecodedText(utf8: utf8, encoding: .utf16LittleEndian))
        case .invalid(let offset):
            return .failure(badBytes(in: bytes, at: markLength + offset, unitSize: 2, encodingNames: "UTF-16LE"))
        case .unavailable:
            return .failure(ImportIssue(line: 1, reason: "本机无法转换 UTF-16LE 编码 this system cannot convert from UTF-16LE (iconv lacks it)"))
        }
    }

    /// The byte range of the first line holding a byte outside ASCII, without its line end.
    static func firstNonASCIILine(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        guard let offset = bytes.firstIndex(where: { $0 >= 0x80 }) else { return nil }
        return lineRange(in: bytes, around: offset)
    }

    /// The start of the first line that holds a three-byte UTF-8 sequence (how UTF-8 writes
    /// Chinese) and is valid UTF-8 throughout, in a file that as a whole is not UTF-8.
    static func firstUTF8Line(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) ?? bytes.count
            let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
            if line.contains(where: { $0 >= 0xE0 && $0 <= 0xEF }), UTF8Validation.firstInvalidOffset(in: line) == nil {
                return start
            }
            start = end + 1
        }
        return nil
    }

    private static func lineRange(in bytes: UnsafeBufferPointer<UInt8>, around offset: Int) -> Range<Int> {
        let isEnd = { (byte: UInt8) in byte == 0x0A || byte == 0x0D }
        let start = bytes[..<offset].lastIndex(where: isEnd).map { $0 + 1 } ?? 0
        let end = bytes[offset...].firstIndex(where: isEnd) ?? bytes.count
        return start..<end
    }

    /// The issue for a file whose lines are in two encodings.
    private static func mixed(in bytes: UnsafeBufferPointer<UInt8>, at offset: Int, lineIs chinese: String, english: String) -> ImportIssue {
        let line = lineNumber(in: bytes, before: offset, unitSize: 1)
        return ImportIssue(
            line: line,
            reason: "第 \(line) 行\(chinese)，与前面的行不同；一个文件只能用一种编码，请整份另存为「CSV UTF-8」 "
                + "line \(line) \(english), unlike the lines before it: a file must be in one encoding; save the whole file as \"CSV UTF-8\"")
    }

    /// The issue for undecodable input: its line, byte offset and the bytes themselves.
    private static func badBytes(
        in bytes: UnsafeBufferPointer<UInt8>,
        at offset: Int,
        unitSize: Int,
        encodingNames: String
    ) -> ImportIssue {
        let shown = bytes[offset..<min(offset + 4, bytes.count)]
            .map { hexByte($0) }
            .joined(separator: " ")
        let line = lineNumber(in: bytes, before: offset, unitSize: unitSize)
        return ImportIssue(
            line: line,
            reason: "编码无法识别，请另存为「CSV UTF-8」 bytes \(shown) at byte offset \(offset) are not valid \(encodingNames); "
                + "save the file as \"CSV UTF-8\" and try again"
        )
    }

    /// The 1-based line containing `offset`, counting LF, CRLF and lone CR as line ends.
    /// For UTF-16 (`unitSize` 2) the line ends are looked for in whole code units only.
    static func lineNumber(in bytes: UnsafeBufferPointer<UInt8>, before offset: Int, unitSize: Int) -> Int {
        var line = 1
        var index = unitSize == 2 && bytes.starts(with: utf16LittleEndianByteOrderMark) ? 2 : 0
        var afterCR = false
        while index + unitSize <= offset {
            let unit = unitSize == 2 ? UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8 : UInt16(bytes[index])
            if unit == 0x0D {
                line += 1
            } else if unit == 0x0A, !afterCR {
                line += 1
            }
            afterCR = unit == 0x0D
            index += unitSize
        }
        return line
    }

    private static func hexByte(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }
}
