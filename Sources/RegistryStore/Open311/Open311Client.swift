import Crypto
public import Foundation
import Postgres

/// A client application a district admits to its Open311 endpoint (a residents' reporting
/// app, a hotline's system), as lists show it: never its key.
public struct Open311Client: Sendable, Hashable, Codable {
    public var id: Int64
    public var name: String
    /// The key's first characters, to tell keys apart.
    public var prefix: String
    public var createdBy: String
    public var createdAt: Date
    public var revokedAt: Date?
    public var lastUsedAt: Date?

    init(_ row: Row) throws {
        id = try row.decode(Int64.self, "id")
        name = try row.decode(String.self, "name")
        prefix = try row.decode(String.self, "prefix")
        createdBy = try row.decode(String.self, "created_by")
        createdAt = try row.decode(Date.self, "created_at")
        revokedAt = try row.decode(Date?.self, "revoked_at")
        lastUsedAt = try row.decode(Date?.self, "last_used_at")
    }
}

/// A client just issued, with its key: shown this once, stored nowhere.
public struct IssuedOpen311Client: Sendable, Hashable, Codable {
    public var client: Open311Client
    public var apiKey: String
}

/// An Open311 `api_key`: `o311_` and 43 characters of base64url carrying 256 random bits.
///
/// Kept as SHA-256 only, like ``AccessToken`` (the key is random, so an unsalted hash leaves
/// nothing to guess); the prefix differs so that a leaked key is told from an API token.
public struct Open311Key: Sendable, Hashable {
    public static let scheme = "o311_"
    public let secret: String

    /// A new random key: 256 bits from swift-crypto's secure generator.
    public static func generate() -> Open311Key {
        Open311Key(secret: scheme + Data.randomSecret().base64URLEncoded())
    }

    /// Wraps a presented key (not checked: an unknown one matches no client).
    public init(secret: String) { self.secret = secret }

    /// The stored form: SHA-256 of the key's UTF-8.
    public var hash: Data { Data(SHA256.hash(data: Data(secret.utf8))) }

    /// The first 12 characters, shown in lists.
    public var prefix: String { String(secret.prefix(12)) }

    /// Whether the text could be a key at all (checked before any database call).
    public var isWellFormed: Bool { secret.hasPrefix(Self.scheme) && secret.count == Self.scheme.count + 43 }
}

/// The district's Open311 client applications (migration 0035): issue, list, revoke, and
/// recognise a presented key. Every function runs inside its caller's tenant transaction, so
/// row-level security keeps it to that district: another district's key matches nothing.
public enum Open311ClientStore {
    static let columns: SQL = "id, name, prefix, created_by, created_at, revoked_at, last_used_at"

    /// Issues a client named `name`; its key is in the answer and nowhere else.
    ///
    /// - Throws: ``RegistryStoreError/invalid(field:reason:)`` for an empty or long name.
    public static func issue(name: String, in tx: TenantTransaction) async throws -> IssuedOpen311Client {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...100).contains(name.count) else {
            throw RegistryStoreError.invalid(field: "name", reason: "应用名称须为 1–100 个字符 the application's name must be 1–100 characters")
        }
        let key = Open311Key.generate()
        let rows = try await tx.connection.query("""
            INSERT INTO open311_client (tenant_id, name, key_hash, prefix) VALUES (\(tx.tenantID), \(name), \(key.hash), \(key.prefix))
            RETURNING \(columns)
            """)
        return IssuedOpen311Client(client: try Open311Client(rows[0]), apiKey: key.secret)
    }

    /// Every client of the district, newest first (revoked ones included).
    public static func list(in tx: TenantTransaction) async throws -> [Open311Client] {
        try await tx.connection.query("SELECT \(columns) FROM open311_client WHERE tenant_id = \(tx.tenantID) ORDER BY id DESC")
            .map(Open311Client.init)
    }

    /// Revokes a client's key; revoking twice is harmless (the first time is kept).
    ///
    /// - Throws: ``RegistryStoreError/notFound(kind:key:)`` when the district has no such client.
    public static func revoke(_ id: Int64, in tx: TenantTransaction) async throws -> Open311Client {
        let rows = try await tx.connection.query("""
            UPDATE open311_client SET revoked_at = coalesce(revoked_at, z.now)
            FROM (SELECT now() AS now) z  -- not now() inside coalesce: Citus refuses that in an UPDATE
            WHERE tenant_id = \(tx.tenantID) AND id = \(id) RETURNING \(columns)
            """)
        guard let row = rows.first else { throw RegistryStoreError.notFound(kind: "Open311 client 应用", key: String(id)) }
        return try Open311Client(row)
    }

    /// The live client holding `key` in this district, or `nil` (unknown, revoked, or
    /// another district's).
    public static func authenticate(_ key: Open311Key, in tx: TenantTransaction) async throws -> Open311Client? {
        guard key.isWellFormed else { return nil }
        let rows = try await tx.connection.query("""
            SELECT \(columns) FROM open311_client
            WHERE tenant_id = \(tx.tenantID) AND key_hash = \(key.hash) AND revoked_at IS NULL
            """)
        return try rows.first.map(Open311Client.init)
    }

    /// Records that `id` filed a request now (in the filing's transaction, so a refused
    /// request changes nothing).
    public static func markUsed(_ id: Int64, in tx: TenantTransaction) async throws {
        try await tx.connection.execute("UPDATE open311_client SET last_used_at = now() WHERE tenant_id = \(tx.tenantID) AND id = \(id)")
    }
}
