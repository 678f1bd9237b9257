public import Foundation
import SpreadsheetCSV

/// The spreadsheets of a demo district shaped like Langao county (岚皋县, 610925): 7 towns,
/// 35 communities and villages, 253 grids, 95 registered units contracting the 7 urban
/// communities, 1,216 members reporting for duty, a year of demands and resources, and
/// projects made from them. Generated deterministically from a seed, in the column format of
/// `govreg import` (docs/csv-columns.md), so the demo loads through the real importers.
public struct DemoDistrict: Sendable {
    public static let slug = "langao"
    public static let name = "岚皋县"
    public static let divisionCode = "610925"

    /// CSV files, UTF-8 with BOM, Chinese headers (as a district would hand them over).
    public var org: Data
    public var units: Data
    public var members: Data
    public var resources: Data
    public var demands: Data
    public var projects: Data
    /// The projects' milestones and monthly progress reports (after the projects).
    public var milestones: Data
    public var progress: Data
    /// The org code of a grid in an urban community, where the demo's module records take
    /// place (a bench talk, a compound, orders and wishes), and of that community.
    public var moduleGrid: String
    public var moduleCommunity: String

    /// Generates the district for `year` from `seed`; the same seed gives the same bytes.
    public init(seed: UInt64 = 610_925, year: Int = 2024) {
        var random = SeededGenerator(seed: seed)
        let hierarchy = DemoHierarchy(random: &random)
        let units = DemoUnits(hierarchy: hierarchy, random: &random)
        let lists = DemoLists(hierarchy: hierarchy, units: units, year: year, random: &random)
        org = hierarchy.csv
        self.units = units.unitsCSV
        members = units.membersCSV(hierarchy: hierarchy, year: year, random: &random)
        resources = lists.resourcesCSV
        demands = lists.demandsCSV
        projects = lists.projectsCSV
        milestones = DemoProjectHistory.milestonesCSV(lists.timelines, year: year)
        progress = DemoProjectHistory.progressCSV(lists.timelines, year: year)
        moduleGrid = hierarchy.grids.first { hierarchy.urbanCommunities.contains(hierarchy.communityOfGrid[$0]!) }!
        moduleCommunity = hierarchy.communityOfGrid[moduleGrid]!
    }

    /// CSV with a BOM and CRLF, as Excel writes it.
    static func csv(_ header: [String], _ rows: [[String]]) -> Data {
        var writer = CSVWriter(separator: .comma, lineEnding: .crlf, byteOrderMark: true)
        writer.writeRow(header)
        for row in rows { writer.writeRow(row) }
        return writer.data
    }
}
