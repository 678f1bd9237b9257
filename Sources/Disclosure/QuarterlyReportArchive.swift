public import Foundation
public import Registry
public import RegistryStore
import Postgres

/// The closed quarterly reports of a district: immutable snapshots of the figures and the
/// rendered documents (migration 0018), their corrections, and their publication.
public struct QuarterlyReportArchive: Sendable {
    public let database: RegistryDatabase

    public init(database: RegistryDatabase) {
        self.database = database
    }

    /// One closed version, as listed.
    public struct Entry: Sendable, Hashable, Codable {
        public var quarter: Quarter
        public var version: Int
        public var replacesVersion: Int?
        public var correctionReason: String?
        public var closedAt: Date
        public var closedBy: String
        public var publishedAt: Date?
        /// The SHA-256 of each stored document, by format.
        public var documents: [String: String]
    }

    /// Closes `quarter`: counts its report, renders it, and stores both for good.
    ///
    /// The first close makes version 1. Once a version exists, closing again is a
    /// correction and needs `correction`, the reason; it makes the next version, which names
    /// the one it replaces. A quarter can be closed only after its last day, in the district's
    /// days (`today`, by default today in its time zone).
    ///
    /// - Throws: ``RegistryStoreError`` `.conflict` when the quarter has not ended, is
    ///   already closed (without a correction), or has nothing to correct.
    @discardableResult
    public func close(
        _ quarter: Quarter, correction: String? = nil, today given: CivilDate? = nil, tenant: UUID, actor: String
    ) async throws -> Entry {
        let today: CivilDate
        if let given { today = given } else {
            today = try await database.withTenant(tenant, actor: actor, readOnly: true) { tx in try tx.today() }
        }
        guard today >= quarter.dayAfter else {
            throw RegistryStoreError.conflict(
                "\(quarter.chineseName)尚未结束，\(quarter.dayAfter)起才能封存 \(quarter.englishName) has not ended; it can be closed from \(quarter.dayAfter)")
        }
        let reason = correction?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let reason, reason.isEmpty || reason.count > 2000 || reason.contains("\u{0}") {
            throw RegistryStoreError.invalid(field: "correction", reason: "更正原因须为 1–2000 个字符 a correction reason is 1 to 2000 characters")
        }
        do {
            return try await closeVersion(quarter, reason: reason, today: today, tenant: tenant, actor: actor)
        } catch let error as PostgresError where error.sqlState == "23505" {
            // Another closer of the same quarter committed first (both read before either wrote).
            throw RegistryStoreError.conflict(
                "\(quarter.chineseName)刚被另一操作封存，请查看版本后重试 \(quarter) was just closed by someone else; look at its versions and try again")
        }
    }

    private func closeVersion(_ quarter: Quarter, reason: String?, today: CivilDate, tenant: UUID, actor: String) async throws -> Entry {
        try await database.withTenant(tenant, actor: actor, isolation: .repeatableRead) { tx in
            // One closer at a time per district and quarter; the unique key would refuse the
            // second anyway, but this way it is told why.
            try await tx.connection.execute(
                "SELECT pg_advisory_xact_lock(hashtextextended('govreg.report.' || \(tenant.uuidString.lowercased()) || \(quarter.description), 0))")
            let last = try await tx.connection.query("""
                SELECT max(version) AS v FROM quarterly_report WHERE tenant_id = \(tenant) AND quarter = \(quarter.description)
                """)[0].decode(Int?.self, "v")
            switch (last, reason) {
            case (let last?, nil):
                throw RegistryStoreError.conflict(
                    "\(quarter.chineseName)已封存为第 \(last) 版；更正须说明原因（--correction） \(quarter) is already closed as version \(last); a correction needs a reason (--correction)")
            case (nil, _?):
                throw RegistryStoreError.conflict(
                    "\(quarter.chineseName)尚未封存，没有可更正的版本 \(quarter) has not been closed, so there is nothing to correct")
            default: break
            }
            let version = (last ?? 0) + 1
            var report = try await QuarterlyReport.read(quarter: quarter, in: tx)
            report.closing = .init(version: version, replacesVersion: last, correctionReason: reason, closedOn: today)
            let documents = try report.documents()
            let id = try await tx.connection.query("""
                INSERT INTO quarterly_report (tenant_id, quarter, version, replaces_version, correction_reason, figures)
                VALUES (\(tenant), \(quarter.description), \(version), \(last), \(reason), \(try report.json())::jsonb)
                RETURNING id
                """)[0].decode(Int64.self, "id")
            for (format, content) in documents.sorted(by: { $0.key < $1.key }) {
                try await tx.connection.execute("""
                    INSERT INTO quarterly_report_document (tenant_id, report_id, format, content, sha256)
                    VALUES (\(tenant), \(id), \(format), \(content), encode(sha256(convert_to(\(content), 'UTF8')), 'hex'))
                    """)
            }
            guard let entry = try await Self.entries(quarter: quarter, in: tx).first(where: { $0.version == version }) else {
                throw RegistryStoreError.notFound(kind: "quarterly_report", key: "\(quarter) v\(version)")
            }
            return entry
        }
    }

    /// Publishes the latest version of `quarter` (or `version`) on the public site.
    ///
    /// - Throws: ``RegistryStoreError`` `.notFound` for a quarter or version never closed,
    ///   `.conflict` when it is already published.
    @discardableResult
    public func publish(_ quarter: Quarter, version: Int? = nil, tenant: UUID, actor: String) async throws -> Entry {
        try await database.withTenant(tenant, actor: actor) { tx in
            let entries = try await Self.entries(quarter: quarter, in: tx)
            guard let entry = version.map({ v in entries.first { $0.version == v } }) ?? entries.last else {
                throw RegistryStoreError.notFound(kind: "quarterly_report", key: version.map { "\(quarter) v\($0)" } ?? quarter.description)
            }
            if entry.publishedAt != nil {
                throw RegistryStoreError.conflict(
                    "\(quarter.chineseName)第 \(entry.version) 版已公示 \(quarter) version \(entry.version) is already published")
            }
            if let latest = entries.last, latest.version != entry.version {
                throw RegistryStoreError.conflict(
                    "第 \(entry.version) 版已被第 \(latest.version) 版更正，只能公示最新版本 version \(entry.version) was corrected by version \(latest.version); only the latest can be published")
            }
            try await tx.connection.execute("""
                UPDATE quarterly_report SET published_at = now(), published_by = current_actor()
                WHERE tenant_id = \(tenant) AND quarter = \(quarter.description) AND version = \(entry.version)
                """)
            return try await Self.entries(quarter: quarter, in: tx).first { $0.version == entry.version } ?? entry
        }
    }

    /// Every closed version, of one quarter or of all, oldest first.
    public func entries(quarter: Quarter? = nil, tenant: UUID, actor: String) async throws -> [Entry] {
        try await database.withTenant(tenant, actor: actor, readOnly: true) { tx in
            try await Self.entries(quarter: quarter, in: tx)
        }
    }

    /// A stored document of a closed version (the latest without `version`), exactly as closed.
    public func document(_ quarter: Quarter, version: Int? = nil, format: String, tenant: UUID, actor: String) async throws -> String {
        try await database.withTenant(tenant, actor: actor, readOnly: true) { tx in
            guard let content = try await Self.document(quarter, version: version, format: format, publishedOnly: false, in: tx) else {
                throw RegistryStoreError.notFound(kind: "quarterly_report", key: version.map { "\(quarter) v\($0)" } ?? quarter.description)
            }
            return content
        }
    }

    /// A stored document of `quarter` read in `tx`: of `version`, or of the latest version
    /// (the latest published one with `publishedOnly`, what the public site shows).
    static func document(
        _ quarter: Quarter, version: Int? = nil, format: String, publishedOnly: Bool, in tx: TenantTransaction
    ) async throws -> String? {
        try await tx.connection.query("""
            SELECT d.content FROM quarterly_report r
            JOIN quarterly_report_document d ON d.tenant_id = r.tenant_id AND d.report_id = r.id
            WHERE r.tenant_id = \(tx.tenantID) AND r.quarter = \(quarter.description) AND d.format = \(format)
              AND (\(version)::integer IS NULL OR r.version = \(version)) AND (NOT \(publishedOnly) OR r.published_at IS NOT NULL)
            ORDER BY r.version DESC LIMIT 1
            """).first?.decode(String.self, "content")
    }

    /// The latest closed version of `quarter` and its report, read in `tx`; nil when there is
    /// none, or when it was closed by a build whose figures this one cannot read (the caller
    /// then counts the quarter now, and says so).
    static func latest(quarter: Quarter, in tx: TenantTransaction) async throws -> (version: Int, report: QuarterlyReport)? {
        let rows = try await tx.connection.query("""
            SELECT version, figures::text AS figures FROM quarterly_report
            WHERE tenant_id = \(tx.tenantID) AND quarter = \(quarter.description)
            ORDER BY version DESC LIMIT 1
            """)
        guard let row = rows.first, let report = try? QuarterlyReport.decode(json: try row.decode(String.self, "figures")) else { return nil }
        return (try row.decode(Int.self, "version"), report)
    }

    static func entries(quarter: Quarter?, in tx: TenantTransaction) async throws -> [Entry] {
        let q = quarter?.description
        return try await tx.connection.query("""
            SELECT r.quarter, r.version, r.replaces_version, r.correction_reason, r.closed_at, r.closed_by, r.published_at,
                   coalesce((SELECT array_agg(d.format || ':' || d.sha256 ORDER BY d.format) FROM quarterly_report_document d
                             WHERE d.tenant_id = \(tx.tenantID) AND d.report_id = r.id), '{}') AS documents
            FROM quarterly_report r
            WHERE r.tenant_id = \(tx.tenantID) AND (\(q)::text IS NULL OR r.quarter = \(q))
            ORDER BY r.quarter, r.version
            """).map { row in
            var documents: [String: String] = [:]
            for pair in try row.decode([String].self, "documents") {
                let parts = pair.split(separator: ":", maxSplits: 1)
                if parts.count == 2 { documents[String(parts[0])] = String(parts[1]) }
            }
            return Entry(
                quarter: try Quarter(try row.decode(String.self, "quarter")), version: try row.decode(Int.self, "version"),
                replacesVersion: try row.decode(Int?.self, "replaces_version"),
                correctionReason: try row.decode(String?.self, "correction_reason"),
                closedAt: try row.decode(Date.self, "closed_at"), closedBy: try row.decode(String.self, "closed_by"),
                publishedAt: try row.decode(Date?.self, "published_at"), documents: documents)
        }
    }
}
