import Postgres

/// The lists whose numbers people see, each counted per district (migration 0026).
enum NumberedList: String {
    case demand, resource, project
    case matchingRun = "matching_run"
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
