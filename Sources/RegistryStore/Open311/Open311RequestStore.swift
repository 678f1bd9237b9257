public import Foundation
import Postgres
public import Registry

/// A demand filed through Open311, as its public answer may show it: the public status and
/// public fields only. The title is given only once the district has made the demand public
/// (as the disclosure site shows it); the description, the address, the location and who
/// reported it never are.
public struct Open311Request: Sendable, Hashable {
    public var id: DemandID
    public var publicStatus: PublicStatus
    public var categoryCode: String
    public var categoryName: String
    /// The org unit the demand is filed under (its name, not its code).
    public var orgUnitName: String
    public var filedAt: Date
    public var updatedAt: Date
    /// The title, when the demand is public; `nil` otherwise.
    public var publicTitle: String?

    init(_ row: Row) throws {
        id = DemandID(rawValue: try row.decode(Int64.self, "id"))
        publicStatus = try PublicStatus(parsing: try row.decode(String.self, "public_status"))
        categoryCode = try row.decode(String.self, "category_code")
        categoryName = try row.decode(String.self, "category_name")
        orgUnitName = try row.decode(String.self, "org_unit_name")
        filedAt = try row.decode(Date.self, "filed_at")
        updatedAt = try row.decode(Date.self, "updated_at")
        publicTitle = try row.decode(Bool.self, "is_public") ? try row.decode(String.self, "title") : nil
    }
}

/// Which Open311 requests a `GET requests` asks for.
public struct Open311RequestFilter: Sendable, Hashable {
    /// Given ids override every other filter (the standard says so).
    public var ids: [Int64]?
    public var categoryCodes: [String]?
    public var from: Date
    public var to: Date
    /// `true`: open only; `false`: closed only; `nil`: both.
    public var open: Bool?
    public var limit: Int

    public init(ids: [Int64]? = nil, categoryCodes: [String]? = nil, from: Date, to: Date, open: Bool? = nil, limit: Int) {
        self.ids = ids
        self.categoryCodes = categoryCodes
        self.from = from
        self.to = to
        self.open = open
        self.limit = limit
    }
}

/// Demands that came in through Open311 (migration 0035): filed through the same store
/// function as every other door, and recorded with the client application that sent them.
public enum Open311RequestStore {
    /// Files `draft` (submitted) for `client`, and records which client sent it, in the
    /// caller's transaction: a refused draft writes nothing.
    ///
    /// - Throws: what ``DemandStore/fileReturningDetail(_:submit:in:)`` throws.
    public static func file(_ draft: DemandDraft, client: Int64, in tx: TenantTransaction) async throws -> DemandDetail {
        let detail = try await DemandStore.fileReturningDetail(draft, submit: true, in: tx)
        try await Open311ClientStore.markUsed(client, in: tx)
        try await tx.connection.execute("""
            INSERT INTO open311_request (tenant_id, id, client_id) VALUES (\(tx.tenantID), \(detail.demand.id.rawValue), \(client))
            """)
        return detail
    }

    /// The requests `filter` asks for, newest first.
    public static func list(_ filter: Open311RequestFilter, in tx: TenantTransaction) async throws -> [Open311Request] {
        let window: SQL = filter.ids == nil ? """
            AND d.filed_at >= \(filter.from) AND d.filed_at <= \(filter.to)
            AND (\(filter.categoryCodes)::text[] IS NULL OR d.category_code = ANY (\(filter.categoryCodes)::text[]))
            AND (\(filter.open)::boolean IS NULL OR (demand_public_status(d.state) IN ('received', 'in_progress')) = \(filter.open)::boolean)
            """ : "AND d.id = ANY (\(filter.ids ?? [])::bigint[])"
        return try await tx.connection.query("""
            SELECT d.id, demand_public_status(d.state) AS public_status, d.category_code, c.name_zh AS category_name,
                   o.name AS org_unit_name, d.filed_at, d.updated_at, d.is_public, d.title
            FROM open311_request r
            JOIN demand d ON d.tenant_id = r.tenant_id AND d.id = r.id
            JOIN tenant_category c ON c.tenant_id = d.tenant_id AND c.code = d.category_code
            JOIN org_unit o ON o.tenant_id = d.tenant_id AND o.id = d.org_unit_id
            WHERE r.tenant_id = \(tx.tenantID) AND d.state <> 'draft' \(window)
            ORDER BY d.filed_at DESC, d.id DESC LIMIT \(filter.limit)
            """).map(Open311Request.init)
    }

    /// One request, or `nil` when the district has no demand of that id filed through Open311.
    public static func get(_ id: Int64, in tx: TenantTransaction) async throws -> Open311Request? {
        try await list(Open311RequestFilter(ids: [id], from: .distantPast, to: .distantFuture, limit: 1), in: tx).first
    }

    /// Whether `code` is one of the district's org units (an `address_id` may name one).
    public static func isOrgUnitCode(_ code: String, in tx: TenantTransaction) async throws -> Bool {
        try await !tx.connection.query("SELECT 1 FROM org_unit WHERE tenant_id = \(tx.tenantID) AND code = \(code)").isEmpty
    }
}
