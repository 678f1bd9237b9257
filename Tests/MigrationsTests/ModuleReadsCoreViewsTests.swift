import Foundation
import Testing

/// A module's SQL names its own tables and the core's `module_*` views (migration 0020),
/// never a core table: the views are the documented part of the core schema a module may
/// read, and its writes to the core go through store functions (`DemandStore.file`).
@Suite struct ModuleReadsCoreViewsTests {
    static let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Table names a folder's migrations create.
    static func tables(createdUnder folder: URL) throws -> Set<String> {
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sql") }
        var names: Set<String> = []
        for file in files {
            let sql = try String(contentsOf: folder.appending(path: file), encoding: .utf8)
            for match in sql.matches(of: /CREATE TABLE (?:IF NOT EXISTS )?([a-z_][a-z0-9_]*)/) { names.insert(String(match.1)) }
        }
        return names
    }

    @Test func modulesReadTheCoreOnlyThroughItsViews() throws {
        let core = try Self.tables(createdUnder: Self.root.appending(path: "migrations/core"))
        #expect(core.isSuperset(of: ["org_unit", "demand", "unit", "project", "resource"]))
        let plugins = Self.root.appending(path: "Plugins")
        let sources = try FileManager.default.subpathsOfDirectory(atPath: plugins.path).filter { $0.hasSuffix(".swift") }
        #expect(!sources.isEmpty)
        var offences: [String] = []
        for file in sources {
            let text = try String(contentsOf: plugins.appending(path: file), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if line.trimmingCharacters(in: .whitespaces).hasPrefix("//") { continue }
                for match in line.matches(of: /\b(?:FROM|JOIN|UPDATE|INTO)\s+([a-z_][a-z0-9_]*)/) where core.contains(String(match.1)) {
                    offences.append("Plugins/\(file):\(number + 1): \(match.1)")
                }
            }
        }
        #expect(offences.isEmpty, "a module names a core table; read module_* views instead:\n\(offences.joined(separator: "\n"))")
    }

    /// The rule can fail: the scan finds a core table where one is named.
    @Test func theScanFindsACoreTable() throws {
        let line = "SELECT o.name FROM bench_talk_meeting m JOIN org_unit o ON o.id = m.org_unit_id"
        let named = line.matches(of: /\b(?:FROM|JOIN|UPDATE|INTO)\s+([a-z_][a-z0-9_]*)/).map { String($0.1) }
        #expect(named == ["bench_talk_meeting", "org_unit"])
    }
}
