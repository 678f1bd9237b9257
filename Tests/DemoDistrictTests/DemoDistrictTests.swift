import DemoDistrict
import Foundation
import ImportIssues
import Registry
import RegistryImport
import RegistryStore
import SpreadsheetCSV
import Testing

@Suite struct DemoDistrictTests {
    private func rows(_ data: Data) throws -> [CSVRecord] {
        var issues = IssueList()
        let table = try CSVReader().read(data, issues: &issues)
        #expect(issues.isEmpty, "\(issues.issues)")
        return Array(table.records)
    }

    @Test func theSameSeedGivesTheSameBytes() {
        let first = DemoDistrict(seed: 7), second = DemoDistrict(seed: 7), other = DemoDistrict(seed: 8)
        #expect(first.demands == second.demands)
        #expect(first.projects == second.projects)
        #expect(first.progress == second.progress && first.milestones == second.milestones)
        #expect(first.members == second.members)
        #expect(first.demands != other.demands)
    }

    @Test func hasLangaosShape() throws {
        let demo = DemoDistrict()
        let org = try OrgUnitFile.rows(from: demo.org)
        #expect(org.filter { $0.parentCode == nil }.count == 7)
        #expect(org.filter { $0.kind == .community || $0.kind == .village }.count == 35)
        #expect(org.filter { $0.kind == .grid }.count == 253)
        #expect(org.filter { $0.kind == .community }.count == 7)
        #expect(try rows(demo.units).count == 95)
        #expect(try rows(demo.members).count == 1_216)
        #expect(try rows(demo.demands).count == 1_200)
        #expect(try rows(demo.projects).count == 60)
        // Two milestones a project; two reports for each of 20 running, three for each of 20 done.
        #expect(try MilestoneFile.rows(from: demo.milestones).count == 120)
        let reports = try ProgressReportFile.rows(from: demo.progress)
        #expect(reports.count == 20 * 2 + 20 * 3)
        #expect(reports.allSatisfy { $0.reportedOn.description.hasPrefix("2024-") })
    }
}
