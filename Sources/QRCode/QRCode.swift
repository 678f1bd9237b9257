import CQRencode

/// A QR code (ISO/IEC 18004) made by libqrencode, and drawn as SVG for printing: what each
/// community's notice board carries so that residents reach its public page by phone.
///
/// ```swift
/// let code = try QRCode("https://gov.example/public/langao/areas/C1.html")
/// let svg = code.svg()   // <svg …> with a 4-module quiet zone
/// ```
public struct QRCode: Sendable, Hashable {
    /// Modules on a side (21 for version 1, 4 more for each version after).
    public let width: Int
    /// The symbol's version, 1 to 40.
    public let version: Int
    /// Dark modules, row by row.
    public let modules: [Bool]

    /// Why a text could not be encoded.
    public struct EncodingError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Encodes `text` as UTF-8 bytes at error-correction level M (15% of the symbol may be
    /// lost: a notice that is scuffed or photographed at an angle still reads).
    ///
    /// - Throws: ``EncodingError`` for an empty text or one too long for version 40.
    public init(_ text: String) throws {
        guard !text.isEmpty, !text.utf8.contains(0) else { throw EncodingError(description: "nothing to encode") }
        // libqrencode is thread-safe when built with pthreads, as Debian's is.
        guard let code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M) else {
            throw EncodingError(description: "the text is too long for a QR code (\(text.utf8.count) bytes)")
        }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        self.width = width
        version = Int(code.pointee.version)
        // Bit 0 of each byte is the module's colour; the other bits say what the module is for.
        let data = UnsafeBufferPointer(start: code.pointee.data, count: width * width)
        modules = data.map { $0 & 1 == 1 }
    }

    /// Whether the module at `row`, `column` is dark.
    public func isDark(row: Int, column: Int) -> Bool { modules[row * width + column] }

    /// The code as an SVG drawing, one path of unit squares inside a quiet zone of four
    /// modules, scaled by whoever places it (`viewBox` in modules).
    public func svg(title: String = "QR") -> String {
        let side = width + 8
        var path = ""
        for row in 0..<width {
            var column = 0
            while column < width {
                guard isDark(row: row, column: column) else { column += 1; continue }
                var run = 1
                while column + run < width, isDark(row: row, column: column + run) { run += 1 }
                path += "M\(column + 4) \(row + 4)h\(run)v1h-\(run)z"
                column += run
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(side) \(side)\" role=\"img\" shape-rendering=\"crispEdges\">"
            + "<title>\(title)</title><rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\"/><path fill=\"#000\" d=\"\(path)\"/></svg>"
    }
}
