public import Postgres

/// Many rows of one district written by multi-row `INSERT … VALUES`, a thousand rows a
/// statement.
///
/// Not `INSERT … SELECT … FROM unnest($1, $2 …)`, which the store used: Citus never sends
/// that to the district's shard as it is (unnest is no table of the district, and a table
/// with an identity column calls nextval, volatile), so it pulls the rows to the coordinator
/// and COPYs them into the shard, which PostgreSQL refuses under row-level security ("COPY
/// FROM not supported with row-level security"). Rows given as VALUES of one district go to
/// its shard as one INSERT. On one server a statement of many VALUES is parsed and planned as
/// text where the arrays were one parameter each; its cost on a large matching acceptance is
/// not measured (scripts/bench-match-run would show it).
public enum RowsInsert {
    /// Rows per statement: 1,000 rows of up to 60 values stay under PostgreSQL's 65,535
    /// parameters, and a statement's text stays small enough to plan quickly.
    public static let rowsPerStatement = 1_000

    /// Runs `head VALUES row, row … tail` for `rows`, a statement per thousand, and returns
    /// the rows every statement returned (`tail` holds RETURNING, ON CONFLICT …), in order.
    ///
    /// ```swift
    /// try await RowsInsert.run("INSERT INTO project_demand (tenant_id, project_id, demand_id)",
    ///                          rows: demands.map { "(\(tenant), \(project), \($0))" }, tx.connection)
    /// ```
    @discardableResult
    public static func run(_ head: SQL, rows: [SQL], tail: SQL = "", _ connection: Connection) async throws -> [Row] {
        var returned: [Row] = []
        var start = rows.startIndex
        while start < rows.endIndex {
            let end = min(start + rowsPerStatement, rows.endIndex)
            let statement = head + " VALUES " + SQL.joined(rows[start..<end], separator: ", ") + " " + tail
            returned += try await connection.query(statement)
            start = end
        }
        return returned
    }
}

extension RowsInsert {
    /// Makes the link rows of one owner exactly `ids` (a unit's communities, a resource's
    /// service area): `table (tenant_id, ownerColumn, linkColumn)`, keyed on all three.
    /// Returns true when that changed anything. Two statements: a DELETE and INSERT in one
    /// statement's CTEs is no shape Citus sends to one shard.
    static func replaceLinks(
        in table: String, owner ownerColumn: String, _ owner: Int64, link linkColumn: String, to ids: [Int64], _ tx: TenantTransaction
    ) async throws -> Bool {
        let tenant = tx.tenantID
        let removed = try await tx.connection.execute("""
            DELETE FROM \(identifier: table)
            WHERE tenant_id = \(tenant) AND \(identifier: ownerColumn) = \(owner) AND \(identifier: linkColumn) <> ALL(\(ids))
            """)
        let added = try await run(
            "INSERT INTO \(identifier: table) (tenant_id, \(identifier: ownerColumn), \(identifier: linkColumn))",
            rows: Set(ids).sorted().map { "(\(tenant), \(owner), \($0))" },
            tail: "ON CONFLICT (tenant_id, \(identifier: ownerColumn), \(identifier: linkColumn)) DO NOTHING RETURNING 1",
            tx.connection)
        return removed + added.count > 0
    }
}
