public import Foundation
import Postgres
public import Registry

/// One thing the audit knows about a record: its creation (by a single write or by an
/// import), or a change.
public struct AuditEntry: Sendable, Hashable, Encodable {
    public enum Action: String, Sendable, Hashable, Encodable {
        /// Created by a single write (per-row audit).
        case insert
        /// Created by an import (the import's record and the row's file line).
        case imported
        case update
        case delete
    }

    public var at: Date
    public var actor: String
    public var action: Action
    /// The import that made the entry (导入 #N), if an import did.
    public var importID: Int64?
    /// The file the import read, and its SHA-256.
    public var origin: ImportOrigin?
    /// The line of that file the record's row was on.
    public var line: Int?
    /// The columns an update changed (bookkeeping columns left out).
    public var changed: [String]

    enum CodingKeys: String, CodingKey {
        case at, actor, action, importID = "import_id", origin = "file", line, changed
    }
}

/// Who created or changed a record, when, and from which file and line: the per-row audit
/// log merged with the import records (migration 0030).
public enum AuditTrail {
    /// Every entry for demand `id`, oldest first.
    ///
    /// A demand an import created has no per-row insert entry; its creation is the import's
    /// record with the line the demand came from. The row carries the tag of the import that
    /// wrote it last, so the creating import's tag is read from the first change's
    /// before-image when the demand has been changed since.
    public static func demand(_ id: DemandID, in tx: TenantTransaction) async throws -> [AuditEntry] {
        let rows = try await tx.connection.query("""
            SELECT a.at, a.actor, a.action, a.import_id, (a.after->>'import_line')::int AS line,
                   (a.before->>'import_id')::bigint AS before_import, (a.before->>'import_line')::int AS before_line,
                   ARRAY(SELECT n.key FROM jsonb_each(coalesce(a.after, '{}')) n
                         WHERE a.action = 'update' AND n.value IS DISTINCT FROM a.before -> n.key
                           AND n.key NOT IN ('updated_at', 'row_version', 'import_id', 'import_line')
                         ORDER BY n.key) AS changed
            FROM audit_log a
            WHERE a.tenant_id = \(tx.tenantID) AND a.table_name = 'demand' AND a.row_id = \(id.rawValue)
            ORDER BY a.id
            """)
        var entries: [AuditEntry] = []
        var creatingTag: (id: Int64, line: Int)?
        for row in rows {
            let action = AuditEntry.Action(rawValue: try row.decode(String.self, "action")) ?? .update
            let importID = try row.decode(Int64?.self, "import_id")
            if action == .update, !entries.contains(where: { $0.action == .update }),
               let before = try row.decode(Int64?.self, "before_import"), let line = try row.decode(Int?.self, "before_line") {
                creatingTag = (before, line)
            }
            entries.append(AuditEntry(
                at: try row.decode(Date.self, "at"), actor: try row.decode(String.self, "actor"), action: action,
                importID: importID, origin: nil, line: importID == nil ? nil : try row.decode(Int?.self, "line"),
                changed: try row.decode([String].self, "changed")))
        }
        if !entries.contains(where: { $0.action == .insert }) {
            if creatingTag == nil, let row = try await tx.connection.query("""
                SELECT import_id, import_line FROM demand WHERE tenant_id = \(tx.tenantID) AND id = \(id.rawValue)
                """).first, let importID = try row.decode(Int64?.self, "import_id") {
                creatingTag = (importID, try row.decode(Int.self, "import_line"))
            }
            if let tag = creatingTag, let batch = try await ImportBatchStore.find(tag.id, in: tx) {
                entries.insert(AuditEntry(
                    at: batch.at, actor: batch.actor, action: .imported, importID: batch.id, origin: batch.origin, line: tag.line,
                    changed: []), at: 0)
            }
        }
        // Names the file of each change an import made, each import read once.
        var origins: [Int64: ImportOrigin?] = [:]
        for index in entries.indices where entries[index].origin == nil {
            guard let importID = entries[index].importID else { continue }
            if origins[importID] == nil { origins[importID] = try await ImportBatchStore.find(importID, in: tx)?.origin }
            entries[index].origin = origins[importID] ?? nil
        }
        return entries
    }
}
