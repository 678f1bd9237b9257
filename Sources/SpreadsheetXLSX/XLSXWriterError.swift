/// Why ``XLSXWriter`` refused: a sheet name Excel would not take, a sheet too large, a row
/// with more cells than the header, or a temporary file it could not write.
public struct XLSXWriterError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Sendable, Hashable {
        case badSheetName(String)
        case tooManyColumns(Int)
        case tooManyRows
        case ragged(row: Int, cells: Int, columns: Int)
        case finished
        case unwritable(String)
    }

    private let code: Code

    static func badSheetName(_ name: String) -> Self { Self(code: .badSheetName(name)) }
    static func tooManyColumns(_ count: Int) -> Self { Self(code: .tooManyColumns(count)) }
    static let tooManyRows = Self(code: .tooManyRows)
    static func ragged(row: Int, cells: Int, columns: Int) -> Self { Self(code: .ragged(row: row, cells: cells, columns: columns)) }
    static let finished = Self(code: .finished)
    static func unwritable(_ path: String) -> Self { Self(code: .unwritable(path)) }

    public var description: String {
        switch code {
        case .badSheetName(let name):
            "工作表名称无效 bad sheet name \"\(name)\": 1–31 characters, none of [ ] : * ? / \\"
        case .tooManyColumns(let count):
            "列数过多 \(count) columns: a sheet holds at most \(XLSXWriter.maximumColumns)"
        case .tooManyRows:
            "行数过多 too many rows: a sheet holds at most \(XLSXWriter.maximumRows), the header included"
        case .ragged(let row, let cells, let columns):
            "第 \(row) 行 row \(row) has \(cells) cells, the header \(columns)"
        case .finished:
            "工作簿已写完 the workbook is already finished"
        case .unwritable(let path):
            "无法写入 cannot write \(path)"
        }
    }
}
