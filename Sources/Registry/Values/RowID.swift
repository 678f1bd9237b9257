/// The id of one row of a tenant-owned list: a demand, a resource, a project, an org unit …
///
/// A tiny wrapper over `Int64` (PostgreSQL `bigint`) rather than a bare typealias: the
/// phantom `Record` makes a ``ProjectID`` and a ``DemandID`` different types, so passing a
/// project where a demand is expected (`mergedInto:`, a ledger's `for:`) does not compile.
/// It costs nothing at the storage boundary: ``rawValue`` is what gets bound, and it
/// encodes as a bare number. Row ids are unique within a tenant only; the storage keys
/// every row by `(tenant_id, id)`.
///
/// ```swift
/// let demand: DemandID = 42
/// demand.rawValue   // 42
/// ```
public struct RowID<Record>: RawRepresentable, Hashable, Comparable, Sendable, Codable,
    CustomStringConvertible, ExpressibleByIntegerLiteral
{
    /// The stored `bigint`.
    public var rawValue: Int64

    /// Wraps a stored id.
    ///
    /// - Parameter rawValue: The stored `bigint`.
    public init(rawValue: Int64) {
        self.rawValue = rawValue
    }

    /// Wraps a stored id.
    ///
    /// - Parameter rawValue: The stored `bigint`.
    public init(_ rawValue: Int64) {
        self.rawValue = rawValue
    }

    /// Lets tests and examples write `let id: DemandID = 7`.
    public init(integerLiteral value: Int64) {
        self.rawValue = value
    }

    /// Orders by the stored number.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// The number, e.g. `42`.
    public var description: String { String(rawValue) }
}

/// The id of a demand (需求).
public typealias DemandID = RowID<Demand>
/// The id of a resource (资源).
public typealias ResourceID = RowID<Resource>
/// The id of a project (项目).
public typealias ProjectID = RowID<Project>
/// The id of a node of a district's hierarchy (street, community, grid …).
public typealias OrgUnitID = RowID<OrgUnit>
/// The id of a registered unit (双报到单位).
public typealias UnitID = RowID<RegisteredUnit>
/// The id of a person (resident, grid worker, registered member).
public typealias PersonID = RowID<Person>
