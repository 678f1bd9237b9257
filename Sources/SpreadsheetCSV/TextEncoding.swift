/// The character encoding of a file to import, or `automatic` to detect it.
///
/// Chinese spreadsheets save CSV in one of a few encodings: Excel's "CSV UTF-8" (UTF-8 with a
/// byte order mark), plain "CSV" on a Chinese Windows (GBK, the code page 936 subset of
/// GB18030), WPS and LibreOffice (usually UTF-8), and "Unicode text" (UTF-16LE with a byte
/// order mark, tab-separated). ``decode(_:)`` turns any of them into UTF-8.
public enum TextEncoding: Sendable, Hashable {
    /// Detect: a UTF-8 or UTF-16LE byte order mark decides; otherwise UTF-8 if the bytes are
    /// valid UTF-8, else GB18030.
    case automatic
    /// UTF-8, with or without a byte order mark.
    case utf8
    /// GB18030, which includes GBK and GB2312.
    case gb18030
    /// UTF-16 little-endian, with or without a byte order mark.
    case utf16LittleEndian
}

/// The encoding a file turned out to be in, as reported by ``TextEncoding/decode(_:)``.
public enum DetectedEncoding: String, Sendable, Hashable, CustomStringConvertible {
    /// UTF-8 without a byte order mark.
    case utf8
    /// UTF-8 starting with the byte order mark EF BB BF (Excel's "CSV UTF-8").
    case utf8WithByteOrderMark
    /// GB18030 or one of its subsets, GBK and GB2312.
    case gb18030
    /// UTF-16 little-endian (Excel's "Unicode text").
    case utf16LittleEndian

    public var description: String {
        switch self {
        case .utf8: "UTF-8"
        case .utf8WithByteOrderMark: "UTF-8 with BOM"
        case .gb18030: "GB18030"
        case .utf16LittleEndian: "UTF-16LE"
        }
    }
}

/// A file's text converted to UTF-8, without any byte order mark.
public struct DecodedText: Sendable, Equatable {
    /// The text as UTF-8; always valid UTF-8.
    public var utf8: [UInt8]
    /// The encoding the file was in.
    public var encoding: DetectedEncoding

    /// The text as a `String`.
    public var string: String { String(decoding: utf8, as: UTF8.self) }
}
