import Disclosure
import Foundation
import Postgres
import Registry
import RegistryStore
import Testing

/// Closing, correcting and publishing a quarter's report, and the database keeping a closed
/// report as it was.
@Suite struct QuarterlyReportArchiveTests {
    let today = try! CivilDate("2026-12-04")

    @Test func aClosedReportStaysAsClosedWhateverTheListsDoLater() async throws {
        try await ReportFixture.with { f in
            try await f.seed(.init(org: "G11", filedAt: ReportFixture.at("2026-07-05"), state: "submitted"))
            let q3 = try Quarter("2026Q3")
            let first = try await f.archive.close(q3, today: today, tenant: f.tenant, actor: f.actor)
            #expect(first.version == 1 && first.replacesVersion == nil && first.publishedAt == nil)
            #expect(Set(first.documents.keys) == ["json", "html", "md", "csv"])
            let html = try await f.archive.document(q3, format: "html", tenant: f.tenant, actor: f.actor)
            #expect(first.documents["html"] == sha256Hex(html))
            let closedJSON = try await f.archive.document(q3, format: "json", tenant: f.tenant, actor: f.actor)
            #expect(try QuarterlyReport.decode(json: closedJSON).current.district.demands.received == 1)

            // a later edit to the lists changes the live count, not the closed report
            try await f.seed(.init(org: "C3", filedAt: ReportFixture.at("2026-08-05"), state: "submitted"))
            #expect(try await f.report("2026Q3").current.district.demands.received == 2)
            #expect(try await f.archive.document(q3, format: "html", tenant: f.tenant, actor: f.actor) == html)

            // closing again needs a reason, and makes a new version that names the old one
            await #expect(throws: RegistryStoreError.self) {
                try await f.archive.close(q3, today: today, tenant: f.tenant, actor: f.actor)
            }
            let second = try await f.archive.close(q3, correction: "补录佐龙社区 8 月需求", today: today, tenant: f.tenant, actor: f.actor)
            #expect(second.version == 2 && second.replacesVersion == 1 && second.correctionReason == "补录佐龙社区 8 月需求")
            #expect(try await f.archive.document(q3, version: 1, format: "html", tenant: f.tenant, actor: f.actor) == html)
            let corrected = try QuarterlyReport.decode(json: try await f.archive.document(q3, format: "json", tenant: f.tenant, actor: f.actor))
            #expect(corrected.current.district.demands.received == 2)
            #expect(corrected.closing?.replacesVersion == 1)
            #expect(try await f.archive.document(q3, format: "md", tenant: f.tenant, actor: f.actor).contains("更正第 1 版 correcting version 1"))

            // the next quarter puts the closed figures beside its own
            let q4 = try await f.report("2026Q4")
            #expect(q4.previousVersion == 2)
            #expect(q4.previous.district.demands.received == 2)

            // publication: once, the latest version by default
            let published = try await f.archive.publish(q3, tenant: f.tenant, actor: f.actor)
            #expect(published.version == 2 && published.publishedAt != nil)
            await #expect(throws: RegistryStoreError.self) {
                try await f.archive.publish(q3, tenant: f.tenant, actor: f.actor)
            }
            #expect(try await f.archive.entries(tenant: f.tenant, actor: f.actor).map(\.version) == [1, 2])
            // a version that a correction replaced cannot be published any more
            await #expect(throws: RegistryStoreError.self) {
                try await f.archive.publish(q3, version: 1, tenant: f.tenant, actor: f.actor)
            }
        }
    }

    @Test func aQuarterCannotBeClosedBeforeItEndsOrCorrectedBeforeItIsClosed() async throws {
        try await ReportFixture.with { f in
            let q4 = try Quarter("2026Q4")
            await #expect(throws: RegistryStoreError.self) {
                try await f.archive.close(q4, today: today, tenant: f.tenant, actor: f.actor)
            }
            await #expect(throws: RegistryStoreError.self) {
                try await f.archive.close(try Quarter("2026Q2"), correction: "无", today: today, tenant: f.tenant, actor: f.actor)
            }
            await #expect(throws: RegistryStoreError.self) {
                try await f.archive.publish(try Quarter("2026Q2"), tenant: f.tenant, actor: f.actor)
            }
            #expect(try await f.archive.entries(tenant: f.tenant, actor: f.actor).isEmpty)
            let due = try await ReportDue.list(today: try CivilDate("2026-10-21"), database: f.database, actor: f.actor)
            #expect(due.count == 1)
            let q3 = try Quarter("2026Q3"), deadline = try CivilDate("2026-10-20")
            #expect(due.first?.tenant == "langao")
            #expect(due.first?.quarter == q3)
            #expect(due.first?.state == "not_closed")
            #expect(due.first?.deadline == deadline)
            #expect(due.first?.overdue == true)
            try await f.archive.close(try Quarter("2026Q3"), today: today, tenant: f.tenant, actor: f.actor)
            #expect(try await ReportDue.list(today: try CivilDate("2026-10-02"), database: f.database, actor: f.actor).map(\.state) == ["not_published"])
            try await f.archive.publish(try Quarter("2026Q3"), tenant: f.tenant, actor: f.actor)
            #expect(try await ReportDue.list(today: try CivilDate("2026-10-02"), database: f.database, actor: f.actor).isEmpty)
        }
    }

    @Test func theDatabaseRefusesToChangeAClosedReport() async throws {
        try await ReportFixture.with { f in
            let q3 = try Quarter("2026Q3")
            try await f.archive.close(q3, today: today, tenant: f.tenant, actor: f.actor)
            func asApplication(_ sql: SQL) async throws {
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in _ = try await tx.connection.execute(sql) }
            }
            let t = f.tenant
            // the application role may not touch the content, the documents, or delete anything
            for (sql, state) in [
                ("UPDATE quarterly_report SET figures = '{}' WHERE tenant_id = \(t)", "42501"),
                ("UPDATE quarterly_report_document SET content = 'x', sha256 = encode(sha256('x'), 'hex') WHERE tenant_id = \(t)", "42501"),
                ("DELETE FROM quarterly_report_document WHERE tenant_id = \(t)", "42501"),
                ("DELETE FROM quarterly_report WHERE tenant_id = \(t)", "42501"),
            ] as [(SQL, String)] {
                let error = await #expect(throws: PostgresError.self) { try await asApplication(sql) }
                #expect(error?.sqlState == state, "\(sql)")
            }
            // publication is recorded once; a second time the trigger refuses
            try await asApplication("UPDATE quarterly_report SET published_at = now(), published_by = 'x' WHERE tenant_id = \(t)")
            let again = await #expect(throws: PostgresError.self) {
                try await asApplication("UPDATE quarterly_report SET published_at = now(), published_by = 'y' WHERE tenant_id = \(t)")
            }
            #expect(again?.sqlState == "23514")
            // and the owner meets the same rule
            for sql in [
                "UPDATE quarterly_report SET figures = '{}' WHERE tenant_id = \(t)",
                "DELETE FROM quarterly_report_document WHERE tenant_id = \(t)",
            ] as [SQL] {
                let error = await #expect(throws: PostgresError.self) { try await f.database.operatorPool.execute(sql) }
                #expect(error?.sqlState == "23514", "\(sql)")
            }
            // the database decides what a closed report is: the next version, now, no publication
            let bold = await #expect(throws: PostgresError.self) {
                try await asApplication("""
                    INSERT INTO quarterly_report (tenant_id, quarter, version, figures) VALUES (\(t), '2026Q3', 5, '{}')
                    """)
            }
            #expect(bold?.sqlState == "23514")
            try await asApplication("""
                INSERT INTO quarterly_report (tenant_id, quarter, version, figures, closed_at, closed_by, published_at, published_by)
                VALUES (\(t), '2026Q2', 1, '{}', '2020-01-01', 'someone else', '2020-01-02', 'someone else')
                """)
            let forgedRow = try await f.database.operatorPool.query("""
                SELECT closed_at > now() - interval '1 hour' AS now_ish, closed_by, published_at IS NULL AS unpublished
                FROM quarterly_report WHERE tenant_id = \(t) AND quarter = '2026Q2'
                """)[0]
            #expect(try forgedRow.decode(Bool.self, "now_ish") && forgedRow.decode(Bool.self, "unpublished"))
            #expect(try forgedRow.decode(String.self, "closed_by") == f.actor)
            // documents belong to the transaction that closed their report, and to no later one
            let late = await #expect(throws: PostgresError.self) {
                try await asApplication("""
                    INSERT INTO quarterly_report_document (tenant_id, report_id, format, content, sha256)
                    SELECT tenant_id, id, 'md', 'x', encode(sha256('x'), 'hex') FROM quarterly_report WHERE tenant_id = \(t) AND quarter = '2026Q2'
                    """)
            }
            #expect(late?.sqlState == "23514")
            let truncating = await #expect(throws: PostgresError.self) {
                try await f.database.operatorPool.execute("TRUNCATE quarterly_report_document, quarterly_report")
            }
            #expect(truncating?.sqlState == "23514")
            // a digest that does not match its text cannot be stored
            let id = try await f.database.operatorPool.query("SELECT id FROM quarterly_report WHERE tenant_id = \(t)")[0].decode(Int64.self, "id")
            let forged = await #expect(throws: PostgresError.self) {
                try await f.database.operatorPool.execute("""
                    INSERT INTO quarterly_report_document (tenant_id, report_id, format, content, sha256)
                    VALUES (\(t), \(id), 'md', 'x', repeat('0', 64))
                    """)
            }
            #expect(forged?.sqlState == "23514" || forged?.sqlState == "23505")
            // publication is the database's moment, whatever the writer says
            let published = try await f.database.operatorPool.query(
                "SELECT published_at > now() - interval '1 hour' AS now_ish FROM quarterly_report WHERE tenant_id = \(t) AND quarter = '2026Q3'")[0]
            #expect(try published.decode(Bool.self, "now_ish"))
        }
    }

    @Test func theDocumentsAreTheSameBytesEachTimeAndSafe() async throws {
        try await ReportFixture.with { f in
            try await f.seed(.init(org: "G11", filedAt: ReportFixture.at("2026-07-05"), category: "housing_repair", state: "submitted"))
            let a = try await f.report("2026Q3"), b = try await f.report("2026Q3")
            #expect(try a.documents() == b.documents())
            #expect(try QuarterlyReport.decode(json: a.json()) == a)
            let html = a.html()
            #expect(html.hasPrefix("<!DOCTYPE html>"))
            // nothing fetched from elsewhere: no script, and no address but the SVG namespace
            let addresses = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
            #expect(!html.contains("<script") && !addresses.contains("http:") && !addresses.contains("https:") && !addresses.contains("//"))
            #expect(html.components(separatedBy: "<svg ").count == 4)
            for definition in FigureDefinition.all { #expect(html.contains(definition.definitionEnglish.replacingOccurrences(of: "'", with: "&#39;"))) }
            let csv = a.csv()
            #expect(csv.hasPrefix("\u{FEFF}"))
            #expect(csv.contains("table,demands,需求清单 Demands"))
        }
    }

    private func sha256Hex(_ text: String) -> String { digest(text) }
}

/// SHA-256 in hex from `sha256sum` (coreutils), a program govreg did not write.
func digest(_ text: String) -> String {
    let process = Process()
    process.executableURL = URL(filePath: "/usr/bin/sha256sum")
    let input = Pipe(), output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try! process.run()
    input.fileHandleForWriting.write(Data(text.utf8))
    try! input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(String(decoding: data, as: UTF8.self).prefix(64))
}
