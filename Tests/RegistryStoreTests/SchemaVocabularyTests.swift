import Foundation
import GovregTestSupport
import Postgres
import Registry
import Testing

/// The schema's CHECK lists and the domain's vocabularies must name the same values: a value
/// added on one side only would be refused on write, or unreadable on read.
@Suite struct SchemaVocabularyTests {
    private static let columns: [(table: String, column: String, values: [String])] = [
        ("org_unit", "kind", OrgUnitKind.storedValues),
        ("unit", "kind", UnitKind.storedValues),
        ("demand", "state", DemandState.storedValues),
        ("demand", "measure_unit", MeasureUnit.storedValues),
        ("demand", "escalation_level", EscalationLevel.storedValues),
        ("demand_event", "visibility", EventVisibility.storedValues),
        ("resource", "kind", ResourceKind.storedValues),
        ("resource", "status", ResourceStatus.storedValues),
        ("resource", "measure_unit", MeasureUnit.storedValues),
        ("resource_ledger", "kind", LedgerEntry.Kind.storedValues),
        ("project", "status", ProjectStatus.storedValues),
        ("tenant", "status", TenantStatus.storedValues),
        ("tenant", "time_zone", TenantSettings.timeZones),
    ]

    @Test func checkConstraintsListTheDomainsValues() async throws {
        try await TestDatabase.withMigrated { configuration in
            let connection = try await Connection.connect(configuration)
            defer { Task { await connection.close() } }
            for (table, column, values) in Self.columns {
                let rows = try await connection.query("""
                    SELECT pg_get_constraintdef(c.oid) AS definition FROM pg_constraint c
                    WHERE c.conrelid = \(table)::regclass AND c.contype = 'c'
                      AND pg_get_constraintdef(c.oid) LIKE \("CHECK ((" + column + " = ANY%")
                    """)
                let definition = try #require(rows.first, "no CHECK on \(table).\(column)").decode(String.self, "definition")
                let listed = definition.matches(of: /'([A-Za-z_0-9\/]+)'::text/).map { String($0.output.1) }
                #expect(Set(listed) == Set(values), "\(table).\(column): schema \(listed), domain \(values)")
            }
        }
    }

    @Test func startingLevelIsTheSameInSQLAndSwift() async throws {
        try await TestDatabase.withMigrated { configuration in
            let connection = try await Connection.connect(configuration)
            defer { Task { await connection.close() } }
            for kind in OrgUnitKind.allCases {
                let sql = try await connection.query("SELECT org_unit_starting_level(\(kind.rawValue)) AS level")[0].decode(String.self, "level")
                #expect(sql == kind.startingLevel.rawValue, "\(kind)")
            }
        }
    }

    @Test func publicStatusIsTheSameInSQLAndSwift() async throws {
        try await TestDatabase.withMigrated { configuration in
            let connection = try await Connection.connect(configuration)
            defer { Task { await connection.close() } }
            for state in DemandState.allCases {
                let sql = try await connection.query("SELECT demand_public_status(\(state.rawValue)) AS status")[0]
                    .decode(String?.self, "status")
                #expect(sql == state.publicStatus?.rawValue, "\(state)")
            }
        }
    }
}
