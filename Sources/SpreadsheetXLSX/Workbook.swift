public import Foundation

/// An Excel workbook (.xlsx) opened from its bytes: its sheets by name and its date system,
/// ready to read one sheet as a ``SheetTable``.
///
/// ```swift
/// let workbook = try Workbook(data)
/// print(workbook.sheetNames)                  // ["需求", "说明"]
/// let sheet = try workbook.sheet(named: "需求")  // or nil for the first
/// var issues = IssueList()
/// let table = sheet.table                     // a CSVTable, lines = Excel rows
/// ```
public struct Workbook: Sendable {
    /// The sheets' names in tab order.
    public let sheetNames: [String]
    /// The first sheet not hidden: the one read when none is named.
    private let firstVisibleSheet: Int
    /// Whether dates count from 1904 (old Mac Excel) rather than 1900.
    public let usesDate1904: Bool

    private let data: Data
    private let sheetParts: [String]
    private let sharedStringsPart: String?
    private let stylesPart: String?

    /// Opens a workbook.
    ///
    /// - Parameter data: The .xlsx file's bytes.
    /// - Throws: ``WorkbookError``: an old .xls, a ZIP that is no workbook, a damaged part.
    public init(_ data: Data) throws(WorkbookError) {
        switch SpreadsheetKind(of: data) {
        case .legacyExcel: throw .legacyExcel
        case .text: throw .notAWorkbook
        case .zip, .workbook: break
        }
        let archive = try WorkbookArchive(data)
        guard archive.contains("[Content_Types].xml") else { throw .notAWorkbook }
        let root = WorkbookRelationships()
        try archive.parse("_rels/.rels", with: root)
        guard let target = root.target(ofKind: "officeDocument") else { throw .notAWorkbook }
        let workbookPart = WorkbookArchive.resolve(target, from: "")
        guard archive.contains(workbookPart) else { throw .notAWorkbook }
        let folder = workbookPart.split(separator: "/").dropLast().joined(separator: "/")
        let fileName = workbookPart.split(separator: "/").last.map(String.init) ?? ""

        let list = WorkbookSheetList()
        try archive.parse(workbookPart, with: list)
        let relationships = WorkbookRelationships()
        try archive.parse((folder.isEmpty ? "" : folder + "/") + "_rels/" + fileName + ".rels", with: relationships)
        var names: [String] = [], parts: [String] = [], firstVisible: Int?
        for sheet in list.sheets {
            // Chart sheets and dialog sheets have no cells: only worksheets are offered.
            guard let relationship = relationships.relationships.first(where: { $0.id == sheet.relationship }),
                  relationship.type.hasSuffix("/worksheet") else { continue }
            if firstVisible == nil && !sheet.hidden { firstVisible = names.count }
            names.append(sheet.name)
            parts.append(WorkbookArchive.resolve(relationship.target, from: folder))
        }
        guard !names.isEmpty else { throw .noSheets }
        sheetNames = names
        firstVisibleSheet = firstVisible ?? 0
        sheetParts = parts
        usesDate1904 = list.date1904
        sharedStringsPart = relationships.target(ofKind: "sharedStrings").map { WorkbookArchive.resolve($0, from: folder) }
        stylesPart = relationships.target(ofKind: "styles").map { WorkbookArchive.resolve($0, from: folder) }
        self.data = data
    }

    /// Reads one sheet, streaming its XML: only the rows built are held.
    ///
    /// - Parameter name: The sheet's name as on its tab, or `nil` for the first sheet not hidden.
    /// - Returns: The sheet's header, rows and the problems found in its cells.
    /// - Throws: ``WorkbookError``: no sheet of that name (the error lists the sheets), or a
    ///   damaged part.
    public func sheet(named name: String? = nil) throws(WorkbookError) -> SheetTable {
        let index: Int
        if let name {
            guard let found = sheetNames.firstIndex(of: name)
                ?? sheetNames.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).lowercased() == name.trimmingCharacters(in: .whitespaces).lowercased() })
            else { throw .unknownSheet(name, among: sheetNames) }
            index = found
        } else {
            index = firstVisibleSheet
        }
        let archive = try WorkbookArchive(data)
        var strings: [String] = []
        if let part = sharedStringsPart, archive.contains(part) {
            let reader = SharedStrings()
            do throws(WorkbookError) {
                try archive.parse(part, with: reader, limit: WorkbookArchive.partLimit)
            } catch {
                throw reader.limitReached ?? error
            }
            strings = reader.strings
        }
        var dateFormats: [Bool] = []
        if let part = stylesPart, archive.contains(part) {
            let styles = WorkbookStyles()
            try archive.parse(part, with: styles)
            dateFormats = styles.dateFormats
        }
        let parser = SheetParser(sharedStrings: strings, dateFormats: dateFormats, date1904: usesDate1904)
        do throws(WorkbookError) {
            try archive.parse(sheetParts[index], with: parser, limit: WorkbookArchive.partLimit)
        } catch {
            throw parser.limitReached ?? error
        }
        return SheetTable(sheetName: sheetNames[index], parser: parser)
    }
}

/// What a file's first bytes say it is, so that every door (CLI, API, console) takes a
/// workbook or a CSV file without being told which.
public enum SpreadsheetKind: Sendable, Equatable {
    /// A ZIP holding `[Content_Types].xml`: an Office Open XML file.
    case workbook
    /// Another ZIP archive.
    case zip
    /// An OLE compound file: Excel 97–2003 (.xls) or WPS's .et.
    case legacyExcel
    /// Anything else: read as CSV text.
    case text

    /// Looks at the magic numbers (`PK\3\4`, `D0 CF 11 E0`) and, for a ZIP, its first
    /// entries' names (Office writes `[Content_Types].xml` first; the name is searched in the
    /// first 64 KiB so that an order other writers choose is found too).
    public init(of data: Data) {
        let start = data.prefix(8)
        if start.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            let marker = Data("[Content_Types].xml".utf8)
            let head = data.prefix(65_536)
            self = head.range(of: marker) != nil || data.suffix(65_536).range(of: marker) != nil ? .workbook : .zip
        } else if start.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            self = .legacyExcel
        } else {
            self = .text
        }
    }
}
