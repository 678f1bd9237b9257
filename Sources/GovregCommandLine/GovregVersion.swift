import Migrations
import Postgres

/// What this binary is: govreg's version, the commit it was built from, the schema it
/// migrates to and the libpq it uses (`govreg version`, `govreg --version`).
///
/// ``commit`` is written at build time by the `RecordBuildCommit` plugin (BuildTools/).
public enum GovregVersion {
    /// govreg's version: the one place it is written.
    public static let number = "0.1.0"

    /// `0.1.0 (commit 1a2b3c4d5e6f)`: the short form for `--version`.
    public static var summary: String {
        "\(number) (commit \(commit == "unknown" ? commit : String(commit.prefix(12))))"
    }

    /// Everything `govreg version` shows.
    public struct Report: Encodable, Sendable {
        public var version: String
        public var commit: String
        /// The last migration of each group built in (core first), e.g. `core/0035_open311`.
        public var migrationHead: [String]
        public var libpq: String
        public var libpqNumber: Int
    }

    /// The report of this binary: its built-in migrations' head and the linked libpq.
    ///
    /// - Throws: ``MigrationError`` if the built-in migrations cannot be read (a broken build).
    public static func report() throws -> Report {
        Report(
            version: number, commit: commit,
            migrationHead: try MigrationSource.embedded().head.map(\.identifier),
            libpq: LibPQVersion.text, libpqNumber: LibPQVersion.number)
    }
}
