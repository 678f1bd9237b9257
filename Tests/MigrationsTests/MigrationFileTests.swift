import Foundation
import Testing

@testable import Migrations

@Suite struct MigrationFileTests {
    private func file(_ name: String, _ text: String) throws -> MigrationFile {
        try MigrationFile(group: "core", fileName: name, contents: Data(text.utf8), path: "migrations/core/\(name)")
    }

    @Test func parsesVersionAndName() throws {
        let parsed = try file("0012_demand_workflow.sql", "SELECT 1;")
        #expect(parsed.version == 12)
        #expect(parsed.name == "demand_workflow")
        #expect(parsed.identifier == "core/0012_demand_workflow")
        #expect(parsed.transactional)
    }

    @Test(arguments: ["12_x.sql", "0012.sql", "0012_Demand.sql", "0000_zero.sql", "0012_x.txt", "abcd_x.sql", "00012_x.sql"])
    func refusesBadNames(_ name: String) throws {
        #expect(throws: MigrationError.self) { try file(name, "SELECT 1;") }
    }

    @Test func bomAndCRLFDoNotChangeTheChecksum() throws {
        let plain = try file("0001_a.sql", "CREATE TABLE t (x int);\nSELECT 1;\n")
        var windowsBytes: [UInt8] = [0xEF, 0xBB, 0xBF]
        windowsBytes += Array("CREATE TABLE t (x int);\r\nSELECT 1;\r\n".utf8)
        let windows = try MigrationFile(group: "core", fileName: "0001_a.sql", contents: Data(windowsBytes), path: "w")
        #expect(plain.checksum == windows.checksum)
        #expect(windows.sql == plain.sql)
        #expect(plain.checksum.count == 64)
        let edited = try file("0001_a.sql", "CREATE TABLE t (x bigint);\nSELECT 1;\n")
        #expect(edited.checksum != plain.checksum)
    }

    @Test func headerDirectiveOptsOutOfTheTransaction() throws {
        let concurrent = try file("0002_idx.sql", "-- build without blocking writes\n-- govreg: no-transaction\nCREATE INDEX CONCURRENTLY i ON t (x);\n")
        #expect(!concurrent.transactional)
        let late = try file("0003_late.sql", "SELECT 1;\n-- govreg: no-transaction\n")
        #expect(late.transactional)  // directives count only before the first statement
        #expect(throws: MigrationError.self) { try file("0004_typo.sql", "-- govreg: no-transactoin\nSELECT 1;") }
    }

    @Test func positionsMapToLineAndColumn() throws {
        let parsed = try file("0001_a.sql", "SELECT 1;\nSELEC 2;\n")
        let place = parsed.lineAndColumn(ofCharacter: 11)
        #expect(place.line == 2)
        #expect(place.column == 1)
    }
}

@Suite struct SQLStatementsTests {
    @Test func splitsAtTopLevelSemicolonsOnly() {
        let script = """
            -- leading comment; not a statement
            CREATE TABLE "odd;name" (note text DEFAULT 'a;b''c');
            /* block; /* nested; */ still comment */
            CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$ BEGIN RETURN 1; END $body$;
            SELECT E'it\\'s;', $$x;y$$;
            CREATE INDEX CONCURRENTLY i ON t (x)
            """
        let statements = SQLStatements.split(script).map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(statements.count == 4)
        #expect(statements[0].hasSuffix("(note text DEFAULT 'a;b''c')"))
        #expect(statements[1].hasSuffix("END $body$"))
        #expect(statements[2] == "SELECT E'it\\'s;', $$x;y$$")
        #expect(statements[3] == "CREATE INDEX CONCURRENTLY i ON t (x)")
    }

    @Test func offsetsPointIntoTheScript() {
        let script = "SELECT 1;\nSELECT 2;"
        let statements = SQLStatements.split(script)
        #expect(statements.map(\.offset) == [0, 9])
    }
}

@Suite struct MigrationPlanTests {
    private func file(_ version: Int, _ text: String = "SELECT 1;", group: String = "core") throws -> MigrationFile {
        try MigrationFile(group: group, fileName: String(format: "%04d_step.sql", version), contents: Data(text.utf8), path: "f\(version)")
    }

    private func applied(_ file: MigrationFile, checksum: String? = nil) -> AppliedMigration {
        AppliedMigration(group: file.group, version: file.version, name: file.name, checksum: checksum ?? file.checksum,
                         appliedAt: Date(timeIntervalSince1970: 0), durationMilliseconds: 1, appliedBy: "test")
    }

    @Test func classifiesEveryState() throws {
        let one = try file(1), two = try file(2), three = try file(3), four = try file(4)
        let gone = try file(9, "SELECT 9;", group: "benchtalk")
        let plan = MigrationPlan(
            files: [one, two, three, four],
            applied: [applied(one), applied(two, checksum: "edited"), applied(four), applied(gone)])
        let states = Dictionary(uniqueKeysWithValues: plan.statuses.map { ($0.identifier, $0.state) })
        #expect(states["core/0001_step"] == .applied)
        #expect(states["core/0002_step"] == .changed)
        #expect(states["core/0003_step"] == .outOfOrder)
        #expect(states["core/0004_step"] == .applied)
        #expect(states["benchtalk/0009_step"] == .missing)
        let error = try #require(throws: MigrationError.self) { try plan.validate() }
        #expect("\(error)".contains("f2 was changed after it was applied"))
    }

    @Test func pendingStopsAtTheTarget() throws {
        let files = try (1...4).map { try file($0) }
        let plan = MigrationPlan(files: files, applied: [applied(files[0])])
        #expect(try plan.pending(upTo: nil).map(\.version) == [2, 3, 4])
        #expect(try plan.pending(upTo: "3").map(\.version) == [2, 3])
        #expect(try plan.pending(upTo: "core/0002").map(\.version) == [2])
        #expect(throws: MigrationError.self) { try plan.pending(upTo: "core/0042") }
    }
}
