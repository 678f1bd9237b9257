import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Registry
import RegistryStore

/// One Open311 request inside its district: the reads, the filing, and the public shape of
/// a demand.
struct Open311Call: Sendable {
    let request: Request
    let context: APIContext
    let services: APIServices
    let tenant: UUID

    /// Reads in one read-only transaction of the district.
    func read(_ work: (TenantTransaction) async throws -> Open311Document) async throws -> Open311Document {
        try await services.database.withTenant(tenant, actor: "open311:public", readOnly: true, work)
    }

    /// A query parameter (the first of that name), decoded once as a form is (`+` a space,
    /// `%2B` a plus, so `+08:00` sent as `%2B08:00` arrives whole); `nil` when absent or empty.
    func query(_ name: String) throws(Open311Error) -> String? {
        for pair in (request.uri.query ?? "").split(separator: "&", omittingEmptySubsequences: true) {
            let halves = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard Open311Form.decode(halves[0]) == name else { continue }
            guard let value = Open311Form.decode(halves.count > 1 ? halves[1] : "") else {
                throw .badRequest("\(name) 无法解码 does not decode")
            }
            if value.unicodeScalars.contains("\0") { throw .badRequest("\(name) 不能含 NUL must not contain NUL") }
            return value.isEmpty ? nil : value
        }
        return nil
    }

    // MARK: - GET requests

    /// The standard's default window and the most requests one answer holds.
    static let window: TimeInterval = 90 * 86_400
    static let maximumCount = 1000

    func requests() async throws -> Open311Document {
        let filter = try requestFilter()
        return try await read { tx in
            let found = try await Open311RequestStore.list(filter, in: tx)
            return Open311Document(root: "service_requests", value: .list(element: "request", found.map { record($0, zone: tx.timeZone) }))
        }
    }

    /// `service_request_id` (a comma list, overriding the rest), `service_code` (a comma
    /// list), `start_date`/`end_date` (at most 90 days apart; the last 90 days by default),
    /// `status` (`open`, `closed` or both).
    func requestFilter() throws(Open311Error) -> Open311RequestFilter {
        if let text = try query("service_request_id") {
            var ids: [Int64] = []
            for part in text.split(separator: ",") {
                guard let id = Int64(part.trimmingCharacters(in: .whitespaces)), id > 0 else {
                    throw .badRequest("service_request_id 须为以逗号分隔的编号 must be request ids separated by commas")
                }
                ids.append(id)
            }
            return Open311RequestFilter(ids: ids, from: .distantPast, to: .distantFuture, limit: Self.maximumCount)
        }
        let start = try date("start_date")
        let end = try date("end_date")
        let to = end ?? start.map { $0.addingTimeInterval(Self.window) } ?? Date()
        let from = start ?? to.addingTimeInterval(-Self.window)
        guard from <= to else { throw .badRequest("start_date 须早于 end_date start_date must come before end_date") }
        guard to.timeIntervalSince(from) <= Self.window else {
            throw .badRequest("start_date 与 end_date 相隔不得超过 90 天 start_date and end_date may not span more than 90 days")
        }
        var open: Bool?
        if let text = try query("status") {
            let words = Set(text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
            guard words.isSubset(of: ["open", "closed"]), !words.isEmpty else {
                throw .badRequest("status 须为 open 或 closed status must be open, closed or both")
            }
            open = words.count == 2 ? nil : words.contains("open")
        }
        let codes = try query("service_code").map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        return Open311RequestFilter(categoryCodes: codes, from: from, to: to, open: open, limit: Self.maximumCount)
    }

    /// A w3 date-time (`2010-01-01T00:00:00Z`, or with an offset and fractions of a second).
    private func date(_ name: String) throws(Open311Error) -> Date? {
        guard let text = try query(name) else { return nil }
        let plain = ISO8601DateFormatter()
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let date = plain.date(from: text) ?? fractional.date(from: text) else {
            throw .badRequest("\(name) 须为 ISO 8601 时间，如 2026-01-01T00:00:00Z \(name) must be a w3 date-time such as 2026-01-01T00:00:00Z")
        }
        return date
    }

    /// A demand as the standard's request, public fields only (``Open311Request``).
    func record(_ found: Open311Request, zone: String) -> Open311Value {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: zone) ?? TimeZone(secondsFromGMT: 8 * 3600)
        let status = found.publicStatus
        let open = status == .received || status == .inProgress
        return .record([
            ("service_request_id", .text(String(found.id.rawValue))),
            ("status", .text(open ? "open" : "closed")),
            ("status_notes", .text("\(status.chineseName) \(status.englishName)")),
            ("service_name", .text(found.categoryName)),
            ("service_code", .text(found.categoryCode)),
            ("description", .text(found.publicTitle)),
            ("agency_responsible", .text(found.orgUnitName)),
            ("service_notice", .text(nil)),
            ("requested_datetime", .text(formatter.string(from: found.filedAt))),
            ("updated_datetime", .text(formatter.string(from: found.updatedAt))),
            ("expected_datetime", .text(nil)),
        ])
    }

    // MARK: - POST requests

    /// Files the request: the key first (403), then its limit (429), then the form (400/404),
    /// all before anything is written; the demand and the record of its client commit together.
    func post() async throws -> Open311Document {
        var request = request
        let limit = services.configuration.bodyLimit
        let body: Data
        do {
            body = Data(try await request.collectBody(upTo: limit).readableBytesView)
        } catch is NIOTooManyBytesError {
            throw Open311Error(status: .contentTooLarge, description: "请求体过大 the body is larger than \(limit) bytes")
        }
        if let type = request.headers[.contentType], !body.isEmpty,
           !type.lowercased().hasPrefix("application/x-www-form-urlencoded") {
            throw Open311Error.badRequest("请求体须为 application/x-www-form-urlencoded the body must be a form (application/x-www-form-urlencoded)")
        }
        let form = try Open311Form(query: request.uri.query, body: body)
        if let name = form.repeated.first { throw Open311Error.badRequest("\(name) 只能给出一次 may be given once") }
        guard let secret = form["api_key"] else { throw Open311Error.badKey }
        // The key is checked in a read of its own, so that the filing runs as its client:
        // the demand's first event and the audit log name `open311:<client id>`.
        let admitted = try await services.database.withTenant(tenant, actor: "open311:public", readOnly: true) { tx in
            try await Open311ClientStore.authenticate(Open311Key(secret: secret), in: tx)
        }
        guard let client = admitted else {
            if let wait = await services.failedLogins.admit(context.clientAddress) { throw Open311Error.tooManyRequests(wait) }
            throw Open311Error.badKey
        }
        if let wait = await services.open311Clients.admit(client.id) { throw Open311Error.tooManyRequests(wait) }
        guard let code = form["service_code"] else { throw Open311Error.badRequest("service_code 必填 service_code is required") }
        return try await services.database.withTenant(tenant, actor: "open311:\(client.id)") { tx in
            guard let category = try await Open311Services.category(code, in: tx) else {
                throw Open311Error.notFound("没有此服务 service_code \(code) not found")
            }
            var addressIsOrgUnit = false
            if let addressID = form["address_id"] { addressIsOrgUnit = try await Open311RequestStore.isOrgUnitCode(addressID, in: tx) }
            let draft = try Open311Intake(form: form, category: category).draft(addressIsOrgUnit: addressIsOrgUnit)
            let filed = try await Open311RequestStore.file(draft, client: client.id, in: tx)
            return Open311Document(root: "service_requests", value: .list(element: "request", [.record([
                ("service_request_id", .text(String(filed.demand.id.rawValue))),
                ("service_notice", .text("已受理，将由\(filed.orgName)办理 received; \(filed.orgName) will handle it")),
                ("account_id", .text(nil)),
            ])]))
        }
    }
}
