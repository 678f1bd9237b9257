/// A UTF-8 validator that says where the first bad byte is.
///
/// The standard library's validating initialisers only say *whether* bytes are UTF-8; a
/// district needs to be told *where* their file is broken.
enum UTF8Validation {
    /// The offset of the first byte that does not begin a well-formed UTF-8 sequence
    /// (Unicode 15, table 3-7: no overlong forms, surrogates or code points past U+10FFFF).
    ///
    /// - Parameter bytes: The bytes to check.
    /// - Returns: The offset of the first bad sequence, or `nil` if all bytes are valid.
    static func firstInvalidOffset(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let count = bytes.count
        var index = 0
        while index < count {
            // Spreadsheet text is mostly ASCII: skip eight ASCII bytes at a time.
            if index &+ 8 <= count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0 {
                    index &+= 8
                    continue
                }
            }
            let lead = base[index]
            if lead < 0x80 {
                index &+= 1
                continue
            }
            let length: Int
            var secondLow: UInt8 = 0x80
            var secondHigh: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; secondLow = 0xA0
            case 0xE1...0xEC, 0xEE, 0xEF: length = 3
            case 0xED: length = 3; secondHigh = 0x9F
            case 0xF0: length = 4; secondLow = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; secondHigh = 0x8F
            default: return index
            }
            guard index &+ length <= count else { return index }
            let second = base[index &+ 1]
            guard second >= secondLow, second <= secondHigh else { return index }
            for offset in 2..<length where base[index &+ offset] & 0xC0 != 0x80 {
                return index
            }
            index &+= length
        }
        return nil
    }
}
