public import Foundation
import Postgres

/// The one audit record of an import (导入记录, migration 0030): who loaded which file, when,
/// with which options, and what it changed. The demands it created carry its id and their file
/// line; the demands it changed keep their per-row audit, which names it.
public struct ImportBatch: Sendable, Hashable, Encodable {
    /// The district's import number (导入 #N).
    public var id: Int64
    public var at: Date
    public var actor: String
    /// The list loaded: `demands`, `resources` …, as `govreg import` names them.
    public var list: String
    public var origin: ImportOrigin
    /// Rows read from the file (well-formed ones: a refused file writes no record).
    public var rows: Int
    public var inserted: Int
    public var updated: Int
    public var unchanged: Int
    /// The options the import ran with (encoding …), as JSON text.
    public var options: [String: String]

    enum CodingKeys: String, CodingKey {
        case id, at, actor, list, rows, inserted, updated, unchanged, options
        case fileName = "file_name", sha256 = "file_sha256", byteCount = "file_bytes"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(at, forKey: .at)
        try container.encode(actor, forKey: .actor)
        try container.encode(list, forKey: .list)
        try container.encode(origin.fileName, forKey: .fileName)
        try container.encode(origin.sha256, forKey: .sha256)
        try container.encode(origin.byteCount, forKey: .byteCount)
        try container.encode(rows, forKey: .rows)
        try container.encode(inserted, forKey: .inserted)
        try container.encode(updated, forKey: .updated)
        try container.encode(unchanged, forKey: .unchanged)
        try container.encode(options, forKey: .options)
    }
}

/// Writing and reading import records.
public enum ImportBatchStore {
    /// Writes the record of the import running in `tx` and makes it the transaction's import
    /// (`app.import_id`), so that rows tagged with it skip the per-row insert audit and the
    /// per-row entries written meanwhile name it. Returns its number.
    public static func begin(
        list: String, origin: ImportOrigin, rows: Int, options: [String: String], in tx: TenantTransaction
    ) async throws -> Int64 {
        let row = try await tx.connection.query("""
            INSERT INTO import_batch (tenant_id, list, file_name, file_sha256, file_bytes, rows, options)
            VALUES (\(tx.tenantID), \(list), \(origin.fileName), \(origin.sha256), \(origin.byteCount.map(Int64.init)), \(Int64(rows)), \(JSONDocument(options)))
            RETURNING id
            """)[0]
        let id = try row.decode(Int64.self, "id")
        // A statement of its own: in the INSERT's RETURNING, Citus would set it on the worker
        // holding the shard alone, not where the transaction's later statements are planned.
        try await tx.connection.execute("SELECT govreg_set_local('app.import_id', \(String(id)))")
        return id
    }

    /// Writes the counts of import `batch` (the transaction's, from ``begin``), once they are known.
    public static func finish(_ batch: Int64, inserted: Int, updated: Int, unchanged: Int, in tx: TenantTransaction) async throws {
        try await tx.connection.execute("""
            UPDATE import_batch SET inserted = \(Int64(inserted)), updated = \(Int64(updated)), unchanged = \(Int64(unchanged))
            WHERE tenant_id = \(tx.tenantID) AND id = \(batch)
            """)
    }

    /// The district's imports, newest first; `before` pages on (keyset).
    public static func list(limit: Int = 50, before: Int64? = nil, in tx: TenantTransaction) async throws -> [ImportBatch] {
        try await tx.connection.query("""
            SELECT \(unsafeRaw: columns) FROM import_batch
            WHERE tenant_id = \(tx.tenantID) AND (\(before)::bigint IS NULL OR id < \(before))
            ORDER BY id DESC LIMIT \(Int64(limit))
            """).map(decode)
    }

    /// One import, or nil.
    public static func find(_ id: Int64, in tx: TenantTransaction) async throws -> ImportBatch? {
        try await tx.connection.query("""
            SELECT \(unsafeRaw: columns) FROM import_batch WHERE tenant_id = \(tx.tenantID) AND id = \(id)
            """).first.map(decode)
    }

    static let columns = "id, at, actor, list, file_name, file_sha256, file_bytes, rows, inserted, updated, unchanged, options"

    static func decode(_ row: Row) throws -> ImportBatch {
        ImportBatch(
            id: try row.decode(Int64.self, "id"), at: try row.decode(Date.self, "at"), actor: try row.decode(String.self, "actor"),
            list: try row.decode(String.self, "list"),
            origin: ImportOrigin(
                fileName: try row.decode(String?.self, "file_name"), sha256: try row.decode(String?.self, "file_sha256"),
                byteCount: try row.decode(Int64?.self, "file_bytes").map(Int.init)),
            rows: try row.decode(Int.self, "rows"), inserted: try row.decode(Int.self, "inserted"),
            updated: try row.decode(Int.self, "updated"), unchanged: try row.decode(Int.self, "unchanged"),
            options: try row.decode(JSONDocument<[String: String]>.self, "options").value)
    }
}
