public import Foundation
import Postgres

/// The `Idempotency-Key` of API writes, kept in the write's own transaction.
///
/// A write first ``claim(_:account:requestHash:in:)``s its key. The insert waits if another
/// transaction holds the same key, so of two concurrent retries one runs and the other is
/// given the first one's answer. The write then ``record(_:account:_:in:)``s its answer
/// before committing. A crash before the commit leaves no key and no write, and the retry
/// runs afresh. A crash after it leaves both, and the retry gets the answer.
public enum IdempotencyKeys {
    /// How long a key is remembered; after that the same key starts a new write.
    public static let lifetime = "\(lifetimeHours) hours"
    static let lifetimeHours = 24

    /// The answer a write gave, to give again.
    public struct StoredAnswer: Sendable, Hashable {
        public var status: Int
        public var headers: [String: String]
        public var body: Data

        /// Makes an answer.
        public init(status: Int, headers: [String: String], body: Data) {
            self.status = status
            self.headers = headers
            self.body = body
        }
    }

    /// Claims `key` for this write, or returns the answer stored under it.
    ///
    /// - Returns: `nil` when the key is new (or expired) and now held by this transaction.
    /// - Throws: ``RegistryStoreError/conflict(_:)`` when the key was used for a different
    ///   request (another method, path or body).
    public static func claim(
        _ key: String, account: Int64, requestHash: Data, in tx: TenantTransaction
    ) async throws -> StoredAnswer? {
        try check(key)
        // An expired key is older than a cutoff given as a value, by this process's clock (a
        // key lives a day: seconds of skew do not matter): Citus refuses `created_at -
        // interval`, a STABLE function, in the WHERE of an ON CONFLICT.
        let claimed = try await tx.connection.query("""
            INSERT INTO idempotency_key AS k (tenant_id, account_id, key, request_hash)
            VALUES (\(tx.tenantID), \(account), \(key), \(requestHash))
            ON CONFLICT (tenant_id, account_id, key) DO UPDATE
                SET request_hash = EXCLUDED.request_hash, created_at = EXCLUDED.created_at,
                    status_code = NULL, response_headers = NULL, response_body = NULL
                WHERE k.created_at < \(Date(timeIntervalSinceNow: -Double(lifetimeHours) * 3600))
            RETURNING 1
            """)
        if !claimed.isEmpty { return nil }
        let rows = try await tx.connection.query("""
            SELECT request_hash, status_code, response_headers::text AS headers, response_body
            FROM idempotency_key WHERE tenant_id = \(tx.tenantID) AND account_id = \(account) AND key = \(key)
            """)
        let row = rows[0]
        guard try row.decode(Data.self, "request_hash") == requestHash else {
            throw RegistryStoreError.conflict("Idempotency-Key 已用于另一个请求 this key was used for a different request")
        }
        let headersText = try row.decode(String.self, "headers")
        let headers = (try? JSONDecoder().decode([String: String].self, from: Data(headersText.utf8))) ?? [:]
        return StoredAnswer(
            status: Int(try row.decode(Int16.self, "status_code")), headers: headers,
            body: try row.decode(Data.self, "response_body"))
    }

    /// Refuses a key that is not 1–255 bytes on one line (every write that takes a key, the
    /// one-statement intake included, checks it here).
    public static func check(_ key: String) throws {
        guard (1...255).contains(key.utf8.count), !key.contains(where: { $0.isNewline }) else {
            throw RegistryStoreError.invalid(field: "Idempotency-Key", reason: "须为 1–255 字节 must be 1–255 bytes on one line")
        }
    }

    /// Stores the answer under the claimed key, in the same transaction as the write.
    public static func record(_ key: String, account: Int64, _ answer: StoredAnswer, in tx: TenantTransaction) async throws {
        let headers = String(decoding: try JSONEncoder().encode(answer.headers), as: UTF8.self)
        try await tx.connection.execute("""
            UPDATE idempotency_key SET status_code = \(Int16(answer.status)), response_headers = \(headers)::jsonb,
                response_body = \(answer.body)
            WHERE tenant_id = \(tx.tenantID) AND account_id = \(account) AND key = \(key)
            """)
    }
}

extension IdempotencyKeys {
    /// Deletes the keys older than ``lifetime`` in every tenant; returns how many went.
    /// Tenant by tenant, as the application role: the table's row-level security is forced.
    @discardableResult
    public static func sweep(_ database: RegistryDatabase) async throws -> Int {
        let tenants = try await database.operatorPool.query("SELECT id FROM tenant").map { try $0.decode(UUID.self, "id") }
        var deleted = 0
        for tenant in tenants {
            deleted += try await database.tenantPool.transaction { connection in
                try await connection.execute("SELECT govreg_set_local('app.tenant_id', \(tenant.uuidString.lowercased()))")
                return try await connection.execute(
                    "DELETE FROM idempotency_key WHERE tenant_id = \(tenant) AND created_at < now() - \(lifetime)::interval")
            }
        }
        return deleted
    }
}
