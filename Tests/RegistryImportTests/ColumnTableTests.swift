import Foundation
import Registry
import RegistryImport
import SpreadsheetCSV
import Testing

/// `docs/csv-columns.md` shows the columns the import reads: its generated sections are the
/// field declarations' tables. Run with `GOVREG_WRITE_DOCS=1` to rewrite them after a change.
@Suite struct ColumnTableTests {
    static let docs = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appending(path: "docs/csv-columns.md")

    static let sections: [(name: String, fields: [FieldDeclaration])] = [
        ("DemandDraft.Field", DemandDraft.Field.all), ("ResourceDraft.Field", ResourceDraft.Field.all),
        ("ProjectDraft.Field", ProjectDraft.Field.all),
    ]

    @Test func theDocumentedColumnsAreTheDeclaredOnes() throws {
        var text = try String(contentsOf: Self.docs, encoding: .utf8)
        for section in Self.sections {
            let start = "<!-- generated from \(section.name); GOVREG_WRITE_DOCS=1 swift test --filter ColumnTableTests -->\n"
            let end = "<!-- end of generated table -->"
            let from = try #require(text.range(of: start), "docs/csv-columns.md has no generated table of \(section.name)")
            let to = try #require(text.range(of: end, range: from.upperBound..<text.endIndex))
            let expected = ColumnTable.markdown(section.fields)
            if ProcessInfo.processInfo.environment["GOVREG_WRITE_DOCS"] == "1" {
                text.replaceSubrange(from.upperBound..<to.lowerBound, with: expected)
            } else {
                #expect(String(text[from.upperBound..<to.lowerBound]) == expected, "run with GOVREG_WRITE_DOCS=1 to update")
            }
        }
        if ProcessInfo.processInfo.environment["GOVREG_WRITE_DOCS"] == "1" { try Data(text.utf8).write(to: Self.docs) }
    }

    @Test(arguments: sections.map(\.fields))
    func theFileReadsTheDocumentedColumns(_ fields: [FieldDeclaration]) {
        let table = ColumnTable.markdown(fields)
        let names = table.split(separator: "\n").dropFirst(2).map { $0.split(separator: "|")[0].trimmingCharacters(in: .whitespaces) }
        let header = fields == ResourceDraft.Field.all ? ResourceFile.header : fields == ProjectDraft.Field.all ? ProjectFile.header : DemandFile.header
        #expect(names == header.fields.map(\.name))
    }

    @Test func aTableNamesEveryFileColumnOnce() {
        let table = ColumnTable.markdown(DemandDraft.Field.all)
        let names = table.split(separator: "\n").dropFirst(2).map { $0.split(separator: "|")[0].trimmingCharacters(in: .whitespaces) }
        #expect(names == DemandDraft.Field.all.filter { $0.doors.contains(.file) }.map(\.name))
        #expect(!names.contains("reporter_id"))
        #expect(table.contains("| title | 需求名称, 名称, 标题 | yes | A short title, e.g. 楼道灯不亮. at most 200 characters |"))
    }
}
