import ImportIssues
import SpreadsheetCSV
import Testing

@Suite("TextEncoding decoding")
struct TextEncodingDecodingTests {
    // Verified with `printf '需求名称' | iconv -f UTF-8 -t GB18030 | xxd -p`.
    static let demandNameGB: [UInt8] = [0xD0, 0xE8, 0xC7, 0xF3, 0xC3, 0xFB, 0xB3, 0xC6]   // 需求名称
    static let quantityGB: [UInt8] = [0xCA, 0xFD, 0xC1, 0xBF, 0xA3, 0xA8, 0xB8, 0xF6, 0xA3, 0xA9]  // 数量（个）
    static let euroGB: [UInt8] = [0xA2, 0xE3]                       // € (GB18030, not in GBK)
    static let fourByteGB: [UInt8] = [0x95, 0x32, 0x82, 0x36]       // 𠀀 U+20000, a four-byte sequence

    @Test("plain UTF-8")
    func utf8() throws {
        let text = try TextEncoding.automatic.decode(Array("需求名称,数量\n".utf8))
        #expect(text.encoding == .utf8)
        #expect(text.string == "需求名称,数量\n")
    }

    @Test("UTF-8 with a byte order mark: the mark is removed")
    func utf8WithMark() throws {
        let text = try TextEncoding.automatic.decode([0xEF, 0xBB, 0xBF] + Array("名称\r\n".utf8))
        #expect(text.encoding == .utf8WithByteOrderMark)
        #expect(text.string == "名称\r\n")
        #expect(try TextEncoding.utf8.decode([0xEF, 0xBB, 0xBF, 0x61]).string == "a")
    }

    @Test("GB18030 (GBK) is detected and converted")
    func gb18030() throws {
        let bytes = Self.demandNameGB + Array(",".utf8) + Self.quantityGB + Array("\r\n".utf8)
            + Self.euroGB + Array(",".utf8) + Self.fourByteGB
        let text = try TextEncoding.automatic.decode(bytes)
        #expect(text.encoding == .gb18030)
        #expect(text.string == "需求名称,数量（个）\r\n€,𠀀")
        #expect(try TextEncoding.gb18030.decode(bytes) == text)
    }

    @Test("需求 in GB18030 is D0 E8 C7 F3")
    func knownBytes() throws {
        #expect(try TextEncoding.gb18030.decode([0xD0, 0xE8, 0xC7, 0xF3]).string == "需求")
    }

    @Test("UTF-16LE with a byte order mark (Excel's Unicode text)")
    func utf16() throws {
        let units = Array("需求\t数量\r\n1\t2".utf16)
        let bytes: [UInt8] = [0xFF, 0xFE] + units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let text = try TextEncoding.automatic.decode(bytes)
        #expect(text.encoding == .utf16LittleEndian)
        #expect(text.string == "需求\t数量\r\n1\t2")
        #expect(try TextEncoding.utf16LittleEndian.decode(Array(bytes.dropFirst(2))).string == text.string)
    }

    @Test("an unpaired surrogate in UTF-16LE is located by line")
    func badUTF16() {
        // FF FE, "a", CR LF, "b", then D800 (a high surrogate) followed by "c".
        let bytes: [UInt8] = [0xFF, 0xFE, 0x61, 0, 0x0D, 0, 0x0A, 0, 0x62, 0, 0x00, 0xD8, 0x63, 0]
        let issue = #expect(throws: ImportIssue.self) { try TextEncoding.automatic.decode(bytes) }
        #expect(issue?.line == 2)
        #expect(issue?.reason.contains("bytes 00 D8 63 00 at byte offset 10 are not valid UTF-16LE") == true)
    }

    @Test("an empty file decodes to nothing")
    func empty() throws {
        #expect(try TextEncoding.automatic.decode([]).utf8.isEmpty)
        #expect(try TextEncoding.gb18030.decode([]).utf8.isEmpty)
    }

    @Test("bytes valid in neither encoding: the line and offset are named")
    func undecodable() {
        // 0xFF is never valid in UTF-8 or GB18030.
        let bytes = Array("a,b\r\nc,d\ne".utf8) + [0xFF] + Array("\n".utf8)
        #expect(throws: ImportIssue(
            line: 3,
            reason: "编码无法识别，请另存为「CSV UTF-8」 bytes FF 0A at byte offset 10 are not valid UTF-8 or GB18030; "
                + "save the file as \"CSV UTF-8\" and try again"
        )) {
            try TextEncoding.automatic.decode(bytes)
        }
    }

    @Test("lone CR counts as a line end when locating bad bytes")
    func undecodableAfterLoneCR() throws {
        let issue = #expect(throws: ImportIssue.self) {
            try TextEncoding.automatic.decode(Array("a\rb\r\nc\n".utf8) + [0x80])
        }
        #expect(issue?.line == 4)
    }

    @Test("forced UTF-8 rejects GB18030 bytes, naming the first bad byte")
    func forcedUTF8() {
        let bytes = Array("名称\n".utf8) + Self.demandNameGB
        let issue = #expect(throws: ImportIssue.self) { try TextEncoding.utf8.decode(bytes) }
        #expect(issue?.line == 2)
        #expect(issue?.reason.contains("bytes D0 E8 C7 F3 at byte offset 7 are not valid UTF-8") == true)
    }

    @Test("a byte order mark is trusted: UTF-8 after it is not retried as GB18030")
    func markIsTrusted() {
        let issue = #expect(throws: ImportIssue.self) {
            try TextEncoding.automatic.decode([0xEF, 0xBB, 0xBF] + Self.demandNameGB)
        }
        #expect(issue?.reason.contains("byte offset 3 are not valid UTF-8;") == true)
    }

    @Test("forced GB18030 names a truncated sequence at the end")
    func truncatedGB() {
        let issue = #expect(throws: ImportIssue.self) {
            try TextEncoding.gb18030.decode(Self.demandNameGB + [0x0A, 0xD0])
        }
        #expect(issue?.line == 2)
        #expect(issue?.reason.contains("bytes D0 at byte offset 9 are not valid GB18030") == true)
    }

    @Test("UTF-8 that is overlong, a surrogate or past U+10FFFF is not UTF-8", arguments: [
        [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE4, 0xBD],
    ] as [[UInt8]])
    func invalidUTF8(bytes: [UInt8]) {
        #expect(throws: ImportIssue.self) { try TextEncoding.utf8.decode(Array("abcdefghij".utf8) + bytes) }
    }

    /// 北门社区路灯 in GB18030 (`printf '北门社区路灯' | iconv -t GB18030 | xxd -p`).
    static let northGateGB: [UInt8] = [0xB1, 0xB1, 0xC3, 0xC5, 0xC9, 0xE7, 0xC7, 0xF8, 0xC2, 0xB7, 0xB5, 0xC6]

    @Test("a UTF-8 file with one GB18030 line is refused at that line, not read as GB18030")
    func utf8FileWithAGBLine() throws {
        let bytes = Array("title,n\n北门社区路灯,1\n".utf8) + Self.northGateGB + Array(",2\n".utf8)
        let issue = try #require(throws: ImportIssue.self) { try TextEncoding.automatic.decode(bytes) }
        #expect(issue.line == 3)
        #expect(issue.reason.contains("one encoding"))
        // With a byte order mark, the same line is named.
        let marked = try #require(throws: ImportIssue.self) { try TextEncoding.automatic.decode([0xEF, 0xBB, 0xBF] + bytes) }
        #expect(marked.line == 3)
    }

    @Test("a GB18030 file with one UTF-8 line is refused at that line, not stored as mojibake")
    func gbFileWithAUTF8Line() throws {
        let bytes = Array("title,n\n".utf8) + Self.northGateGB + Array(",1\n北门社区路灯,2\n".utf8)
        let issue = try #require(throws: ImportIssue.self) { try TextEncoding.automatic.decode(bytes) }
        #expect(issue.line == 3)
        #expect(issue.reason.contains("UTF-8 in a GB18030 file"))
    }

    @Test("the GB18030 byte order mark (84 31 95 33) is recognised and removed")
    func gbByteOrderMark() throws {
        let bytes: [UInt8] = [0x84, 0x31, 0x95, 0x33] + Self.demandNameGB + Array("\n".utf8)
        for encoding in [TextEncoding.automatic, .gb18030] {
            let text = try encoding.decode(bytes)
            #expect(text.encoding == .gb18030)
            #expect(text.string == "需求名称\n")
        }
    }
}
