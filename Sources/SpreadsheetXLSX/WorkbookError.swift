/// Why a file could not be read as a workbook, or a sheet could not be chosen: said so that
/// the person who saved it knows what to do (save as .xlsx, pick another sheet).
public struct WorkbookError: Error, Sendable, Equatable, CustomStringConvertible {
    enum Code: Sendable, Equatable {
        case legacyExcel, notAWorkbook, damaged, tooLarge, tooManyCells, unknownSheet, noSheets
    }

    let code: Code
    /// The text to show, in Chinese with English beside it.
    public let message: String
    /// The workbook's sheets, for an unknown sheet name.
    public let sheetNames: [String]

    init(_ code: Code, _ message: String, sheetNames: [String] = []) {
        self.code = code
        self.message = message
        self.sheetNames = sheetNames
    }

    public var description: String { message }

    /// Whether the error is a sheet name the workbook does not have.
    public var isUnknownSheet: Bool { code == .unknownSheet }

    static let legacyExcel = WorkbookError(.legacyExcel,
        "这是旧版 Excel 文件（.xls），请在 Excel 或 WPS 中另存为 .xlsx 或 CSV this is an old Excel file (.xls); save it as .xlsx (Excel Workbook) or CSV and import that")
    static let notAWorkbook = WorkbookError(.notAWorkbook,
        "这是 ZIP 压缩包，但不是 Excel 工作簿，请另存为 .xlsx this is a ZIP archive but not an Excel workbook; save the sheet as .xlsx (Excel Workbook) or CSV")
    static let noSheets = WorkbookError(.noSheets, "工作簿中没有工作表 the workbook has no sheets")

    static func damaged(_ part: String) -> WorkbookError {
        WorkbookError(.damaged, "工作簿已损坏，无法读取 \(part)，请在 Excel 或 WPS 中重新保存 the workbook is damaged: \(part) cannot be read; open it and save it again as .xlsx")
    }

    static func tooLarge(_ part: String, limit: Int) -> WorkbookError {
        WorkbookError(.tooLarge, "工作簿中的 \(part) 解压后超过 \(limit / 1_048_576) MiB，请拆分 \(part) is over \(limit / 1_048_576) MiB unpacked; split the workbook")
    }

    static func tooManyCells(_ limit: Int) -> WorkbookError {
        WorkbookError(.tooManyCells, "工作表超过 \(limit) 个单元格，请拆分 the sheet holds more than \(limit) cells (or shared strings); split the workbook")
    }

    static func unknownSheet(_ name: String, among names: [String]) -> WorkbookError {
        WorkbookError(.unknownSheet,
            "没有名为「\(name)」的工作表，工作簿中有：\(names.joined(separator: "、")) the workbook has no sheet named \(name); its sheets are: \(names.joined(separator: ", "))",
            sheetNames: names)
    }
}
