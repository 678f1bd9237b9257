import ArgumentParser
import EmbeddedCluster
import Foundation
import GovregCommandLine
import Migrations
import Postgres
import Distribution

extension DatabaseCommand {
    /// `govreg db status`: the server, then every migration and its state.
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the database server and each migration: applied, pending, changed or missing.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @Flag(help: "Print the status as JSON.")
        var json = false

        func run() async throws {
            let terminal = Terminal()
            let server: String
            let configuration: ConnectionConfiguration
            switch try database.target {
            case .external(let connectionString):
                server = "external 外部"
                configuration = ConnectionConfiguration(connectionString, pooler: try database.pooler())
            case .embedded(let cluster):
                let state = try cluster.status()
                server = "embedded 内置 (\(cluster.folder.path)): \(state)"
                guard case .running = state else {
                    if json { try terminal.json(StatusJSON(server: server, database: nil, distribution: nil, migrationSource: try .init(migrations.source().origin), migrations: [])) }
                    else { terminal.print("数据库 database: \(server)\nStart it with `govreg db start` (any command that needs it starts it too).") }
                    return
                }
                configuration = ConnectionConfiguration(cluster.connectionString)
            }
            let source = try migrations.source()
            let migrator = Migrator(configuration: configuration, source: source)
            let identity = try await Self.identity(configuration)
            let distribution = try await Self.distribution(configuration)
            let plan = try await migrator.plan()
            let entries = plan.statuses.map(StatusJSON.Entry.init)
            if json {
                try terminal.json(StatusJSON(server: server, database: identity, distribution: distribution, migrationSource: .init(source.origin), migrations: entries))
                return
            }
            terminal.print("数据库 database: \(server) — \(identity)")
            if let distribution { terminal.print("分布 \(distribution.summary)") }
            terminal.print("迁移来源 migrations from: \(source.origin)")
            let counts = MigrationState.allCases.map { state in (state, plan.statuses.filter { $0.state == state }.count) }
            terminal.print("迁移 migrations: " + counts.filter { $0.1 > 0 || $0.0 == .applied || $0.0 == .pending }
                .map { "\($0.1) \(Self.label($0.0))" }.joined(separator: ", "))
            terminal.print("")
            terminal.table(
                headers: ["版本 version", "状态 state", "应用时间 applied at", "耗时 ms", "执行者 by"],
                rows: entries.map { [$0.migration, Self.label($0.stateValue), $0.appliedAt.map(Self.format) ?? "", $0.durationMilliseconds.map(String.init) ?? "", $0.appliedBy ?? ""] })
            if plan.statuses.contains(where: { $0.state != .applied && $0.state != .pending }) {
                throw ExitCode(1)
            }
        }

        static func label(_ state: MigrationState) -> String {
            switch state {
            case .applied: "已应用 applied"
            case .pending: "待应用 pending"
            case .changed: "已改动 changed"
            case .missing: "缺失 missing"
            case .outOfOrder: "乱序 out of order"
            }
        }

        /// An instant of the cluster (not of a district): in UTC, in the one format (``Moment``).
        static func format(_ date: Date) -> String { Moment.text(date, in: "UTC") }

        /// Where the tables are on Citus (read back from its catalogue), or nil without Citus.
        static func distribution(_ configuration: ConnectionConfiguration) async throws -> DistributionStatus? {
            try await Connection.with(configuration) { try await DistributionStatus.read($0) }
        }

        static func identity(_ configuration: ConnectionConfiguration) async throws -> String {
            let row = try await Connection.with(configuration) { connection in
                try await connection.query("""
                    SELECT current_database() AS db, current_user AS role, current_setting('server_version') AS version
                    """)[0]
            }
            return "database \(try row.decode(String.self, "db")) as \(try row.decode(String.self, "role")), PostgreSQL \(try row.decode(String.self, "version"))"
        }
    }
}

private struct StatusJSON: Encodable {
    var server: String
    var database: String?
    /// Citus's placement of the tables (`db distribute`); absent on a database not distributed.
    var distribution: DistributionStatus?
    var migrationSource: Source
    var migrations: [Entry]

    /// Where the migrations came from: `{"kind": "built_in"}` or `{"kind": "folder", "folder": "/path"}`.
    struct Source: Encodable {
        var kind: String
        var folder: String?

        init(_ origin: MigrationSource.Origin) {
            switch origin {
            case .embedded: kind = "built_in"; folder = nil
            case .folder(let root): kind = "folder"; folder = root.path
            }
        }
    }

    struct Entry: Encodable {
        var migration: String
        var state: String
        var checksum: String?
        var appliedAt: Date?
        var durationMilliseconds: Int?
        var appliedBy: String?
        var stateValue: MigrationState { MigrationState(rawValue: state)! }

        init(_ status: MigrationStatus) {
            migration = status.identifier
            state = status.state.rawValue
            checksum = status.file?.checksum ?? status.applied?.checksum
            appliedAt = status.applied?.appliedAt
            durationMilliseconds = status.applied?.durationMilliseconds
            appliedBy = status.applied?.appliedBy
        }

        enum CodingKeys: String, CodingKey { case migration, state, checksum, appliedAt, durationMilliseconds, appliedBy }
    }
}
