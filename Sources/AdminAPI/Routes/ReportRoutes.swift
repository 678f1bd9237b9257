import APISchema
import Disclosure
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Registry
import RegistryStore

/// `/v1/tenants/{tenant}/reports/quarterly`: the quarterly report (季度汇报) — counted now or
/// as closed, in four formats; closing, correcting and publishing it — and, for operators,
/// the districts whose report is due.
enum ReportRoutes {
    static let base = "/v1/tenants/{tenant}/reports/quarterly"
    static let entrySchema = Schema.object([
        ("quarter", .string()), ("version", .integer()), ("replaces_version", .integer()), ("correction_reason", .string()),
        ("closed_at", .string()), ("closed_by", .string()), ("published_at", .string()),
        ("documents", .object([("json", .string()), ("html", .string()), ("md", .string()), ("csv", .string())])),
    ], description: "A closed version of a quarter's report, with the SHA-256 of each stored document")

    struct Close: Decodable { var correction: String? }
    struct Publish: Decodable { var version: Int? }

    static let routes: [APIRoute] = declared.map { route in
        // The report itself also comes as HTML, Markdown or CSV (`format`).
        guard route.method == .get, route.path == "\(base)/{quarter}" else { return route }
        var served = route
        served.alsoServes = QuarterlyReport.formats.map(QuarterlyReport.mediaType(of:)).filter { !$0.hasPrefix("application/json") }
        return served
    }

    private static let declared: [APIRoute] = [
        APIRoute(.get, base, .tenantRead, tag: "reports", summary: "已封存的季度汇报 The closed versions of every quarter, oldest first",
                 response: .object([("items", .array(entrySchema))])) { call in
            let entries = try await QuarterlyReportArchive(database: call.services.database)
                .entries(tenant: try call.tenantID, actor: try call.account.actor)
            return try APIAnswer.json(["items": entries]).response
        },
        APIRoute(.get, "\(base)/{quarter}", .tenantRead, tag: "reports",
                 summary: "季度汇报 A quarter's report: counted now, or with closed/version as it was closed",
                 query: [
                     .init(name: "format", schema: .string(values: QuarterlyReport.formats), description: "json (default), html, md or csv"),
                     .init(name: "closed", schema: .boolean(), description: "The latest closed version instead of a count now"),
                     .init(name: "version", schema: .integer(minimum: 1, maximum: 10_000), description: "A closed version"),
                 ], response: .object([("quarter", .string()), ("current", .object([])), ("previous", .object([]))])) { call in
            let quarter = try quarter(call)
            let format = try call.query("format") { text in
                guard QuarterlyReport.formats.contains(text) else { throw APIProblem.validation(field: "query:format", "json, html, md or csv") }
                return text
            } ?? "json"
            let closed = try call.query("closed") { text in
                guard let value = Bool(text) else { throw APIProblem.validation(field: "query:closed", "true or false") }
                return value
            } ?? false
            let version = try call.query("version") { text in
                guard let value = Int(text), value >= 1 else { throw APIProblem.validation(field: "query:version", "a version number") }
                return value
            }
            let tenant = try call.tenantID, actor = try call.account.actor
            let text: String
            if closed || version != nil {
                text = try await QuarterlyReportArchive(database: call.services.database)
                    .document(quarter, version: version, format: format, tenant: tenant, actor: actor)
            } else {
                let report = try await QuarterlyReport.read(quarter: quarter, tenant: tenant, database: call.services.database, actor: actor)
                text = try report.documents()[format] ?? ""
            }
            return document(text, format: format)
        },
        APIRoute(.post, "\(base)/{quarter}/close", .tenantAdmin, tag: "reports",
                 summary: "封存季度汇报 Close a quarter's report as an immutable snapshot; with correction, a new version that replaces the last",
                 body: .object([("correction", .string(maxLength: 2000, pattern: Schema.nonBlankText))]), bodyOptional: true, success: .created,
                 response: entrySchema) { call in
            let input = call.body.isEmpty ? Close() : try call.decode(Close.self)
            let entry = try await QuarterlyReportArchive(database: call.services.database).close(
                try quarter(call), correction: input.correction, tenant: try call.tenantID, actor: try call.account.actor)
            return try APIAnswer.json(entry, status: .created).response
        },
        APIRoute(.post, "\(base)/{quarter}/publish", .tenantAdmin, tag: "reports",
                 summary: "公示季度汇报 Publish a closed report (the latest version, or version) on the public site",
                 body: .object([("version", .integer(minimum: 1))]), bodyOptional: true, response: entrySchema) { call in
            let input = call.body.isEmpty ? Publish() : try call.decode(Publish.self)
            let entry = try await QuarterlyReportArchive(database: call.services.database).publish(
                try quarter(call), version: input.version, tenant: try call.tenantID, actor: try call.account.actor)
            return try APIAnswer.json(entry).response
        },
        APIRoute(.get, "/v1/reports/due", .platform, tag: "reports",
                 summary: "待公示 Districts whose last ended quarter is not closed or not published, with the deadline",
                 query: [.init(name: "today", schema: .string(), description: "Count as if today were this day (YYYY-MM-DD)")],
                 response: .object([("items", .array(.object([("tenant", .string()), ("quarter", .string()), ("state", .string()),
                                                              ("deadline", .string()), ("overdue", .boolean())])))])) { call in
            let today = try call.query("today") { try CivilDate($0) } ?? CivilDate.todayInChina()
            let due = try await ReportDue.list(today: today, database: call.services.database, actor: try call.account.actor)
            return try APIAnswer.json(["items": due]).response
        },
    ]

    static func quarter(_ call: APICall) throws -> Quarter {
        do { return try Quarter(call.parameter("quarter")) } catch let error as RegistryError {
            throw APIProblem.validation(field: "path:quarter", error.message)
        }
    }


    /// A stored or rendered document with its own media type.
    static func document(_ text: String, format: String) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = QuarterlyReport.mediaType(of: format)
        return Response(status: .ok, headers: fields, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
