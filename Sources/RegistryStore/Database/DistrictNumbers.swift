import Foundation
import Postgres

/// The lists whose numbers people see, each counted per district (migration 0026).
enum NumberedList: String {
    case demand, resource, project
    case matchingRun = "matching_run"
}

extension NumberedList {
    /// A new row's id in a statement: `number` (one from a ``NumberBlock``) as a value, or
    /// without one the call that takes the district's next. Not `coalesce($n,
    /// govreg_take_numbers(…))`: Citus evaluates every function call in an INSERT's values on
    /// the coordinator, the second argument of a coalesce too, and took a number for nothing.
    func id(_ number: Int64?, tenant: UUID) -> SQL {
        number.map { "\($0)::bigint" } ?? "govreg_take_numbers(\(rawValue), \(tenant), 1)"
    }
}

/// A block of a district's numbers taken for one transaction's new rows, handed out in order.
///
/// A single insert takes its number through the column's default. A loop that inserts many
/// rows in one transaction takes a block first: the counter row is updated once, not once
/// per row (every update of one row in one transaction leaves a version that the next
/// update must step over, so a per-row counter grows quadratically: 20,000 rows took 3.6 s).
struct NumberBlock {
    private var next: Int64
    private let end: Int64

    /// Takes `count` numbers of `list` in the transaction's district; a rollback gives them back.
    init(_ list: NumberedList, count: Int, in tx: TenantTransaction) async throws {
        let first = try await tx.connection.query("""
            SELECT govreg_take_numbers(\(list.rawValue), \(tx.tenantID), \(Int64(count))) AS first
            """)[0].decode(Int64.self, "first")
        next = first
        end = first + Int64(count)
    }

    /// The next number of the block.
    mutating func take() -> Int64 {
        precondition(next < end, "more rows than the numbers taken for them")
        defer { next += 1 }
        return next
    }
}

/// A new row's number and the external id it gets when none was given: the list's prefix and
/// the number (`GR-P12` for a project, `GR-R12` for a resource), or the first of `-2`, `-3` …
/// after it that the district has not used (an import may have taken the plain one). For one
/// row made by hand; a loop of new rows takes a ``NumberBlock``, and a statement that only
/// needs the id sends ``NumberedList/id(_:tenant:)``.
///
/// Both are worked out before the row is written, so the INSERT carries them as values: an
/// `UPDATE … SET external_id = govreg_free_external_id(…)` afterwards calls a volatile
/// function in an UPDATE, which Citus refuses on a distributed table.
struct NewRowNumber {
    let id: Int64
    let externalID: String

    /// `number` is one from a ``NumberBlock``, or nil for the district's next one.
    init(_ list: NumberedList, prefix: String, number: Int64?, in tx: TenantTransaction) async throws {
        let row = try await tx.connection.query("""
            SELECT n.id, govreg_free_external_id(\(list.rawValue)::regclass, \(tx.tenantID), \(prefix) || n.id) AS external_id
            FROM (SELECT \(list.id(number, tenant: tx.tenantID)) AS id OFFSET 0) n
            """)[0]
        id = try row.decode(Int64.self, "id")
        externalID = try row.decode(String.self, "external_id")
    }
}
