import Foundation
import ImportIssues
import Registry
import RegistryImport
import RegistryStore
import SpreadsheetCSV
import Testing

/// What every list's file reader holds to because it starts from ``ImportFile``.
@Suite struct ImportFileTests {
    static let containsNUL = FieldProblem.containsNUL("", value: nil).reason

    /// A NUL in any cell, of any list, is refused at its line and column, and its record
    /// goes no further (a store would send it to the database, which cannot hold it).
    @Test func aCellWithNULIsRefusedAndItsRecordLeftOut() throws {
        let files: [(csv: String, issues: (Data) -> IssueList)] = [
            ("code,name,kind\nS1,城\u{0}关镇,town\nS2,城南镇,town\n", { OrgUnitFile.read($0).issues }),
            ("external_id,name,kind\nU\u{0}1,县住建局,department\n", { UnitFile.read($0).issues }),
            ("project_external_id,title\nP1,进场\u{0}\n", { MilestoneFile.read($0).issues }),
            ("external_id,title,category,org_code,quantity,measure_unit\nD1,路灯,safety,G\u{0}11,1,job\n", { data in
                var file = DemandFile(data: data)
                while file.next() != nil {}
                #expect(file.refusedRowReferences.isEmpty, "a record with NUL is not looked up")
                return file.issues
            }),
        ]
        for (csv, read) in files {
            let issues = read(Data(csv.utf8)).issues
            #expect(issues.count == 1, "\(csv)")
            #expect(issues.first?.line == 2)
            #expect(issues.first?.reason == Self.containsNUL)
            #expect(issues.first?.value == nil, "the cell is not echoed")
        }
        #expect(OrgUnitFile.read(Data(files[0].csv.utf8)).rows.map(\.code) == ["S2"])
        #expect(UnitFile.read(Data(files[1].csv.utf8)).issues.issues.first?.column == "external_id")
    }

    /// An org code is at most what a demand or a resource can name (and an index can hold).
    @Test func anOrgCodeIsAtMostOneHundredCharacters() throws {
        let csv = "code,name,kind\n\(String(repeating: "1", count: OrgUnit.maximumCodeLength + 1)),城关镇,town\n"
        let error = try #require(throws: ImportRejected.self) { try OrgUnitFile.rows(from: Data(csv.utf8)) }
        #expect(error.issues.issues.map(\.column) == ["code"])
        #expect(OrgUnit.maximumCodeLength == DemandDraft.Field.orgCode.maxLength)
    }
}
