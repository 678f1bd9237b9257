import QRCode
import Testing

@Suite struct QRCodeTests {
    /// The three finder patterns of ISO/IEC 18004 §6.3.3: 7×7 dark rings with a 3×3 core, in
    /// three corners, and the timing pattern between them.
    @Test func hasTheFinderAndTimingPatterns() throws {
        let code = try QRCode("https://gov.example/public/langao/areas/C1.html")
        #expect(code.width == 17 + 4 * code.version)
        for (top, left) in [(0, 0), (0, code.width - 7), (code.width - 7, 0)] {
            for r in 0..<7 {
                for c in 0..<7 {
                    let ring = r == 0 || r == 6 || c == 0 || c == 6
                    let core = (2...4).contains(r) && (2...4).contains(c)
                    #expect(code.isDark(row: top + r, column: left + c) == (ring || core), "finder at \(top),\(left): \(r),\(c)")
                }
            }
        }
        for i in 8..<(code.width - 8) { #expect(code.isDark(row: 6, column: i) == (i % 2 == 0)) }
        // the fixed dark module, at (4V + 9, 8)
        #expect(code.isDark(row: 4 * code.version + 9, column: 8))
    }

    @Test func growsWithItsTextAndRefusesWhatItCannotHold() throws {
        #expect(try QRCode("A").version == 1)
        #expect(try QRCode(String(repeating: "x", count: 200)).version > 5)
        #expect(throws: QRCode.EncodingError.self) { try QRCode("") }
        #expect(throws: QRCode.EncodingError.self) { try QRCode(String(repeating: "x", count: 5000)) }
        let svg = try QRCode("A").svg()
        #expect(svg.hasPrefix("<svg") && svg.contains("viewBox=\"0 0 29 29\""))
    }
}
