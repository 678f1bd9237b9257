#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Conversion to UTF-8 with the C library's `iconv`, which knows GB18030 and UTF-16.
///
/// Foundation's `String(data:encoding:)` would do too, but on Linux it cannot say where the
/// input went wrong; `iconv` stops at the first bad byte and leaves its position behind.
enum Iconv {
    /// What a conversion produced.
    enum Outcome: Equatable {
        /// The whole input, as UTF-8.
        case converted([UInt8])
        /// The input is not in the encoding: the bad (or truncated) sequence starts here.
        case invalid(offset: Int)
        /// The C library cannot convert from this encoding.
        case unavailable
    }

    /// Converts bytes in `encoding` to UTF-8.
    ///
    /// - Parameters:
    ///   - input: The bytes to convert.
    ///   - encoding: An `iconv` encoding name, such as `"GB18030"` or `"UTF-16LE"`.
    /// - Returns: The UTF-8 bytes, or where the input stopped being valid.
    static func convertToUTF8(_ input: UnsafeBufferPointer<UInt8>, from encoding: String) -> Outcome {
        guard let inputBase = input.baseAddress, !input.isEmpty else { return .converted([]) }
        let descriptor = iconv_open("UTF-8", encoding)
        guard descriptor != iconv_t(bitPattern: -1) else { return .unavailable }
        defer { iconv_close(descriptor) }

        // GB18030 and UTF-16 take at most 1.5 times their size in UTF-8 (a 2-byte character
        // becomes 3 bytes; 4-byte ones stay 4), so twice the size never has to grow. The loop
        // handles E2BIG anyway rather than trust that arithmetic.
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var produced = 0
        // iconv's prototype takes `char **` but never writes through the input pointer.
        var inputCursor: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: inputBase)
            .assumingMemoryBound(to: CChar.self)
        var inputLeft = input.count
        while true {
            var failure: Int32 = 0
            output.withUnsafeMutableBufferPointer { buffer in
                var outputCursor: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(buffer.baseAddress! + produced)
                    .assumingMemoryBound(to: CChar.self)
                var outputLeft = buffer.count - produced
                let result = iconv(descriptor, &inputCursor, &inputLeft, &outputCursor, &outputLeft)
                failure = result == -1 ? errno : 0
                produced = buffer.count - outputLeft
            }
            switch failure {
            case 0:
                output.removeSubrange(produced...)
                return .converted(output)
            case E2BIG:
                output.append(contentsOf: repeatElement(0, count: output.count))
            default:
                // EILSEQ (a bad sequence) or EINVAL (one cut off at the end): the input
                // cursor was left at the start of the offending sequence.
                return .invalid(offset: input.count - inputLeft)
            }
        }
    }
}
