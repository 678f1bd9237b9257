import Foundation
import Postgres
import Registry

/// The SQL of a demand import: a temporary staging table filled by `COPY`, then set-based
/// statements that resolve references, report the unresolved ones and upsert.
///
/// Why a staging table: `COPY` into a table under row-level security is refused by
/// PostgreSQL, and a temporary table is not under it. `ON COMMIT DROP`, so neither a
/// commit nor a rollback leaves it on the pooled session.
///
/// The written columns are listed once (``written``), so the insert's list, the update's
/// `SET` list, its unchanged test and the dry run's comparison cannot drift apart. Stored rows
/// are updated first, then new ones inserted, so that the update does not compare a million
/// rows just inserted with themselves.
enum DemandImportStatements {
    static let createStaging: SQL = """
        CREATE TEMP TABLE demand_import (
            line integer NOT NULL, external_id text NOT NULL, title text NOT NULL, description text,
            category text NOT NULL, org_code text NOT NULL, source_channel text NOT NULL,
            quantity bigint NOT NULL, measure_unit text NOT NULL, priority smallint NOT NULL,
            beneficiaries integer, due_on date, state text, filed_on date,
            is_public boolean NOT NULL, published_on date, escalation_level text, settled_level text
        ) ON COMMIT DROP
        """

    /// The COPY statement; its column order is ``DemandImportRow/copyFields``.
    static let copy: SQL = """
        COPY demand_import (line, external_id, title, description, category, org_code, source_channel,
            quantity, measure_unit, priority, beneficiaries, due_on, state, filed_on, is_public, published_on,
            escalation_level, settled_level)
        FROM STDIN
        """

    /// Every column an import writes, other than the key and the state, with its value over
    /// the sources of ``sources(_:zone:)``: `s` the staged row, `k` its category, `o` its org
    /// unit, `d` the stored demand with the same external id, if any, and `z.zone` the
    /// district's time zone (a parameter, read once: `district_time_zone()` would be read
    /// again for every row).
    static let written: [(column: String, value: String)] = [
        ("title", "s.title"), ("description", "s.description"), ("category_code", "k.code"),
        ("org_unit_id", "o.id"), ("org_path", "o.path COLLATE \"C\""), ("source_channel", "s.source_channel"), ("quantity", "s.quantity"),
        ("measure_unit", "s.measure_unit"), ("priority", "s.priority"), ("beneficiaries", "s.beneficiaries"),
        ("due_on", "s.due_on"),
        // Files speak in days: a blank day, or the stored instant's own day, keeps the stored
        // instant (so an export re-imports unchanged); another day is that day's midnight.
        ("filed_at", """
            CASE WHEN d.filed_at IS NOT NULL AND (s.filed_on IS NULL OR s.filed_on = (d.filed_at AT TIME ZONE z.zone)::date) THEN d.filed_at
                 ELSE coalesce(s.filed_on::timestamp AT TIME ZONE z.zone, z.now) END
            """),
        ("is_public", "s.is_public"), ("published_on", "s.published_on"),
    ]

    /// The tenant's categories by code and by Chinese name, a code winning over a name
    /// that happens to be spelt the same, and a name shared by two categories going to the
    /// first in the tenant's order (so that each key gives one row and the upsert never
    /// meets a staged row twice).
    static func categoryKeys(_ tenant: UUID) -> SQL {
        """
        category_key AS (
            SELECT DISTINCT ON (key) key, code FROM (
                SELECT code AS key, code, 0 AS rank, sort_order FROM tenant_category WHERE tenant_id = \(tenant)
                UNION ALL
                SELECT name_zh, code, 1, sort_order FROM tenant_category WHERE tenant_id = \(tenant)
            ) keys
            ORDER BY key, rank, sort_order
        )
        """
    }

    /// The staged rows with their resolved references; rows whose references do not
    /// resolve drop out (they were reported before anything is written).
    /// With `storedOnly`, only the rows a stored demand has (an inner join).
    static func sources(_ tenant: UUID, zone: String, storedOnly: Bool = false) -> SQL {
        // Starts with a line break: it is appended to a select list.
        """

        FROM demand_import s
        JOIN category_key k ON k.key = s.category
        JOIN org_unit o ON o.tenant_id = \(tenant) AND o.code = s.org_code
        \(unsafeRaw: storedOnly ? "JOIN" : "LEFT JOIN") demand d ON d.tenant_id = \(tenant) AND d.external_id = s.external_id
        CROSS JOIN (SELECT \(zone)::text AS zone, now() AS now) z
        """
    }

    /// The staged rows no stored demand has, with their resolved references. `d` is a row of
    /// NULLs here, so that ``written``'s values, which fall back when there is no stored
    /// demand, serve new rows as they are. `NOT EXISTS` rather than a left join filtered on
    /// NULL: the demand table is under row-level security, and the planner then estimated
    /// the filtered join at one row and looped over the org units for each staged row.
    static func newSources(_ tenant: UUID, zone: String) -> SQL {
        """

        FROM demand_import s
        JOIN category_key k ON k.key = s.category
        JOIN org_unit o ON o.tenant_id = \(tenant) AND o.code = s.org_code
        CROSS JOIN (SELECT NULL::timestamptz AS filed_at) d
        CROSS JOIN (SELECT \(zone)::text AS zone, now() AS now) z
        WHERE NOT EXISTS (SELECT 1 FROM demand x WHERE x.tenant_id = \(tenant) AND x.external_id = s.external_id)
        """
    }

    /// Every category and org code that names nothing in the tenant, with its line, the
    /// first `limit` by line and how many there are in all: of the staged rows, and of the
    /// rows refused for their values (`refused`, which were not staged).
    static func unresolved(_ tenant: UUID, refused: [DemandReference], limit: Int) -> SQL {
        let categories = refused.compactMap { ref in ref.category.map { (Int64(ref.line), $0) } }
        let orgCodes = refused.compactMap { ref in ref.orgCode.map { (Int64(ref.line), $0) } }
        return "WITH " + categoryKeys(tenant) + """
        , reference AS (
            SELECT line, category, org_code FROM demand_import
            UNION ALL
            SELECT line, value, NULL FROM unnest(\(categories.map(\.0))::bigint[], \(categories.map(\.1))::text[]) AS r(line, value)
            UNION ALL
            SELECT line, NULL, value FROM unnest(\(orgCodes.map(\.0))::bigint[], \(orgCodes.map(\.1))::text[]) AS r(line, value)
        ), problem AS (
            SELECT s.line, 'category' AS field, s.category AS value FROM reference s
            WHERE s.category IS NOT NULL AND NOT EXISTS (SELECT 1 FROM category_key k WHERE k.key = s.category)
            UNION ALL
            SELECT s.line, 'org_code', s.org_code FROM reference s
            WHERE s.org_code IS NOT NULL AND NOT EXISTS (SELECT 1 FROM org_unit o WHERE o.tenant_id = \(tenant) AND o.code = s.org_code)
        )
        SELECT line, field, value, count(*) OVER () AS total FROM problem ORDER BY line, field LIMIT \(limit)
        """
    }

    /// How many stored demands the file gives another state, which the import leaves alone.
    static func statesKept(_ tenant: UUID) -> SQL {
        """
        SELECT count(*) AS kept FROM demand_import s
        JOIN demand d ON d.tenant_id = \(tenant) AND d.external_id = s.external_id
        WHERE s.state IS NOT NULL AND s.state <> d.state
        """
    }

    /// Gives a demand that has no external id the one an export wrote for it (`GR-D<id>`),
    /// so that re-importing an export updates it instead of copying it.
    static func adoptExportedIDs(_ tenant: UUID) -> SQL {
        """
        UPDATE demand d SET external_id = s.external_id, updated_at = now(), row_version = d.row_version + 1
        FROM demand_import s
        WHERE d.tenant_id = \(tenant) AND d.external_id IS NULL AND s.external_id ~ '^GR-D[0-9]{1,18}$'
          AND d.id = substr(s.external_id, 5)::bigint
        """
    }

    /// The new rows: one plain `INSERT … SELECT` of the staged rows no stored demand has
    /// (an anti-join on the external id), tagged with the import `batch` and their line, and
    /// numbered on from `next`, the district's next demand number, whose counter row the
    /// caller holds locked (``nextNumber(_:)``) and moves on by the count inserted
    /// (``takeNumbers(_:count:)``): so the staged rows are read once, and neither counted
    /// first nor held in memory. Not an `ON CONFLICT` upsert: the rows are known to be new,
    /// and a speculative insert costs a second index probe per row; an import running at the
    /// same time with the same external ids makes this one fail on the key (23505) and roll
    /// back, rather than mix their rows.
    ///
    /// Numbers are counted off in line order. Without the window's ORDER BY they followed the
    /// order the plan read the staged rows in, the file's on one server, but not on Citus,
    /// where the join comes back from the shards in another order.
    static func insertNew(_ tenant: UUID, batch: Int64, zone: String, next: Int64) -> SQL {
        let columns = written.map(\.column).joined(separator: ", ")
        let values = written.map(\.value).joined(separator: ", ")
        return "WITH " + categoryKeys(tenant) + """
            , inserted AS (
                INSERT INTO demand (tenant_id, id, external_id, state, escalation_level, settled_level, import_id, import_line, \(unsafeRaw: columns))
                SELECT \(tenant), \(next) - 1 + row_number() OVER (ORDER BY s.line), s.external_id, coalesce(s.state, 'accepted'),
                       coalesce(s.escalation_level, org_unit_starting_level(o.kind)), s.settled_level, \(batch), s.line, \(unsafeRaw: values)
            """ + newSources(tenant, zone: zone) + """

                RETURNING 1
            )
            SELECT count(*) AS inserted FROM inserted
            """
    }

    /// Locks the district's demand counter (creating it if need be) and returns its next
    /// number, taking none: the import numbers its new rows from it.
    static func nextNumber(_ tenant: UUID) -> SQL {
        "SELECT govreg_take_numbers('demand', \(tenant), 0) AS next"
    }

    /// Moves the district's demand counter on by `count`, the rows an import numbered.
    static func takeNumbers(_ tenant: UUID, count: Int) -> SQL {
        "SELECT govreg_take_numbers('demand', \(tenant), \(Int64(count))) AS first"
    }

    /// The changed rows: one `UPDATE … FROM` of the stored demands whose staged row differs,
    /// tagged with the import `batch` and the line (their per-row audit names the import). A
    /// stored demand keeps its number, state and levels (its workflow changes those).
    static func updateChanged(_ tenant: UUID, batch: Int64, zone: String) -> SQL {
        let assignments = written.map { "\($0.column) = v.\($0.column)" }.joined(separator: ", ")
        let values = written.map { "\($0.value) AS \($0.column)" }.joined(separator: ", ")
        let stored = written.map { "demand.\($0.column)" }.joined(separator: ", ")
        let incoming = written.map { "v.\($0.column)" }.joined(separator: ", ")
        return "WITH " + categoryKeys(tenant) + """
            , updated AS (
                UPDATE demand SET \(unsafeRaw: assignments), import_id = \(batch), import_line = v.line,
                    updated_at = now(), row_version = demand.row_version + 1
                FROM (SELECT d.id, s.line, \(unsafeRaw: values)
            """ + sources(tenant, zone: zone, storedOnly: true) + """
                     ) v
                WHERE demand.tenant_id = \(tenant) AND demand.id = v.id
                  AND (\(unsafeRaw: stored)) IS DISTINCT FROM (\(unsafeRaw: incoming))
                RETURNING 1
            )
            SELECT count(*) AS updated FROM updated
            """
    }

    /// What ``updateChanged(_:batch:zone:)`` and ``insertNew(_:batch:zone:next:)`` would write, without writing: the dry run.
    static func wouldUpsert(_ tenant: UUID, zone: String) -> SQL {
        let stored = written.map { "d.\($0.column)" }.joined(separator: ", ")
        let values = written.map(\.value).joined(separator: ", ")
        return "WITH " + categoryKeys(tenant) + """
            SELECT count(*) FILTER (WHERE d.id IS NULL) AS inserted,
                   count(*) FILTER (WHERE d.id IS NOT NULL AND (\(unsafeRaw: stored)) IS DISTINCT FROM (\(unsafeRaw: values))) AS updated
            """ + sources(tenant, zone: zone)
    }
}

extension DemandImportRow {
    /// Appends the row as one line of COPY's text format, in the column order of
    /// ``DemandImportStatements/copy``: tab-separated, `\N` for absent, backslash, tab, CR
    /// and LF escaped, ISO dates, `t`/`f`.
    ///
    /// Into a caller's local buffer rather than through `CopyWriter.writeRow`: a million
    /// rows of sixteen fields are appended byte by byte, and a local array avoids an
    /// exclusivity check per byte.
    func appendCopyText(to buffer: inout [UInt8]) {
        func text(_ value: String?) {
            guard let value else {
                buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "N"), 9])
                return
            }
            for byte in value.utf8 {
                switch byte {
                case UInt8(ascii: "\\"): buffer.append(contentsOf: [92, 92])
                case 9: buffer.append(contentsOf: [92, UInt8(ascii: "t")])
                case 10: buffer.append(contentsOf: [92, UInt8(ascii: "n")])
                case 13: buffer.append(contentsOf: [92, UInt8(ascii: "r")])
                default: buffer.append(byte)
                }
            }
            buffer.append(9)
        }
        // Numbers, codes and dates need no escaping.
        func plain(_ value: String?) {
            if let value { buffer.append(contentsOf: value.utf8) } else { buffer.append(contentsOf: [92, UInt8(ascii: "N")]) }
            buffer.append(9)
        }
        plain(String(line))
        text(draft.externalID)
        text(draft.title)
        text(draft.details)
        text(draft.category)
        text(draft.orgCode)
        plain(draft.sourceChannel.rawValue)
        plain(String(draft.quantity.amount))
        plain(draft.quantity.unit.rawValue)
        plain(String(draft.priority.value))
        plain(draft.beneficiaries.map(String.init))
        plain(draft.dueOn?.description)
        plain(draft.state?.rawValue)
        plain(draft.filedOn?.description)
        plain(draft.isPublic ? "t" : "f")
        plain(draft.publishedOn?.description)
        plain(draft.escalationLevel?.rawValue)
        plain(draft.settledLevel?.rawValue)
        // The last field's tab becomes the line end.
        buffer[buffer.count - 1] = 10
    }
}
