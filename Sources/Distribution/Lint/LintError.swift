/// Why the lint could not judge a database at all (as opposed to finding faults in it).
public enum LintError: Error, CustomStringConvertible, Equatable {
    /// The database has no `tenant` table: not govreg's, or not migrated yet.
    case notMigrated

    public var description: String {
        switch self {
        case .notMigrated:
            "检查 lint: 这里没有 govreg 的表 this database has no govreg schema (no table tenant): run `govreg db migrate` first, or point --database-url at govreg's database"
        }
    }
}
