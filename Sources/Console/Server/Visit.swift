import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Postgres
import Registry
import RegistryStore

/// One request to the console as its page sees it: who is signed in, in which language, the
/// form that was posted, and the helpers to read and write in the signed-in tenant.
struct Visit: Sendable {
    let console: Console
    let request: Request
    private(set) var parameters: [String: String]
    let words: Words
    /// The session cookie's secret, as presented (checked only when `session` is set).
    let secret: String?
    /// The live session the cookie names, if any.
    let session: ConsoleSessions.Session?
    /// The posted form (for a post) or the query (for a get), by field name.
    private(set) var form: FormValues
    /// A notice carried over a redirect (the flash cookie).
    let flash: String?
    /// Files sent with a `multipart/form-data` form, by field name.
    private(set) var files: [String: UploadedFile]
    /// Set for a `multipart/form-data` post whose body is not read yet.
    private let multipartBoundary: String?

    /// The largest form the console reads (a demand's text is at most a few kilobytes).
    static let formLimit = 64 * 1024

    init(console: Console, request: Request, parameters: [String: String], readForm: Bool) async throws {
        self.console = console
        self.request = request
        self.parameters = parameters
        let cookies = request.cookies
        words = Words(english: cookies[ConsoleCookie.language]?.value == "en")
        flash = cookies[ConsoleCookie.flash].flatMap { $0.value.removingPercentEncoding }
        let secret = cookies[ConsoleCookie.session]?.value
        if let secret, secret.count == 43, secret.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) {
            self.secret = secret
            session = try await console.sessions.session(ConsoleCookie.hash(secret))
        } else {
            self.secret = nil
            session = nil
        }
        if readForm, let boundary = MultipartForm.boundary(request.headers[.contentType] ?? "") {
            // Read by ``enter(_:)``, once the caller is let in and only for a page that takes files.
            multipartBoundary = boundary
            form = FormValues([])
            files = [:]
        } else if readForm {
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: Self.formLimit)
            } catch {
                throw ConsoleRefusal(.contentTooLarge, words("表单过大", "The form is too large"))
            }
            form = FormValues(urlEncoded: String(buffer: body))
            files = [:]
            multipartBoundary = nil
        } else {
            form = FormValues(urlEncoded: request.uri.query ?? "")
            files = [:]
            multipartBoundary = nil
        }
    }

    /// The visit with its uploaded form read (MultipartKit), within ``MultipartForm/limit``.
    private func withUpload(_ boundary: String) async throws -> Visit {
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: MultipartForm.limit)
        } catch {
            throw ConsoleRefusal(.contentTooLarge, words("文件过大（最大 32 MB）", "The file is too large (32 MB at most)"))
        }
        var copy = self
        do {
            let (fields, files) = try MultipartForm.read(body, boundary: boundary)
            copy.form = FormValues(fields)
            copy.files = files
        } catch {
            throw ConsoleRefusal(.badRequest, words("无法读取上传的表单", "The uploaded form could not be read"))
        }
        return copy
    }

    /// The same visit with another form (a post answered with a page that reads a query).
    func with(query: String) -> Visit {
        var copy = self
        copy.form = FormValues(urlEncoded: query)
        return copy
    }

    /// The posted values of `names` as a query string (to answer a post with a page that reads
    /// its query and shows what was typed).
    func formQuery(_ names: [String]) -> String {
        names.compactMap { name in form[name].map { "\(name)=\(ConsoleResponse.queryEscaped($0))" } }.joined(separator: "&")
    }

    /// The same visit as if its path named `key` (a post answered with that record's page).
    func with(key: String, form: FormValues) -> Visit {
        var copy = self
        copy.parameters["key"] = key
        copy.form = form
        return copy
    }

    // MARK: - Who and where

    /// The signed-in account (pages behind ``enter(_:)`` always have one).
    var account: AuthenticatedAccount { session!.account }
    var tenantID: UUID { session!.account.tenantID! }
    /// The district's slug, as in every console path.
    var tenant: String { session?.tenant ?? "" }

    /// A path parameter.
    func parameter(_ name: String) -> String { parameters[name] ?? "" }

    /// `/console/<tenant>/<path>`.
    func href(_ path: String = "") -> String { "/console/\(tenant)/\(path)" }

    /// The CSRF token of this session: derived from the cookie's secret, so it needs no
    /// storage and is useless without the cookie (which a page elsewhere cannot read).
    var csrf: String? { secret.map(ConsoleCookie.csrf) }

    /// Whether the posted form carries this session's CSRF token.
    var carriesCSRFToken: Bool {
        guard let expected = csrf, let given = form["csrf"] else { return false }
        return ConsoleCookie.sameText(expected, given)
    }

    /// Passes a signed-in request on to its page: the session must be of the path's tenant
    /// (another tenant's pages answer as a missing tenant would), the role must permit the
    /// page, and a post must carry the session's CSRF token.
    func enter(_ page: ConsoleRoute) async throws -> Response {
        guard let session else {
            let asked = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
            let next = request.method == .get ? "&next=\(ConsoleResponse.queryEscaped(asked))" : ""
            return ConsoleResponse.redirect("/console/sign-in?tenant=\(ConsoleResponse.queryEscaped(parameter("tenant")))\(next)")
        }
        guard session.tenant == parameter("tenant") else {
            throw ConsoleRefusal(.notFound, words("没有这个区县", "No such district"))
        }
        guard session.account.role.permits(page.access) else {
            throw ConsoleRefusal(.forbidden, words("您的角色不能使用此页面", "Your role may not use this page"))
        }
        if let boundary = multipartBoundary {
            guard page.uploads else {
                throw ConsoleRefusal(.unsupportedMediaType, words("此页面不接收文件", "This page takes no file"))
            }
            return try await withUpload(boundary).enterChecked(page)
        }
        return try await enterChecked(page)
    }

    /// The CSRF check and the page, once the caller is let in.
    private func enterChecked(_ page: ConsoleRoute) async throws -> Response {
        if page.method == .post, !carriesCSRFToken {
            throw ConsoleRefusal(.forbidden, words("表单已失效（缺少或错误的校验码），请返回刷新后重试",
                                                   "The form has expired (missing or wrong CSRF token); go back, reload and try again"))
        }
        return try await page.handler(self)
    }

    // MARK: - The store

    /// A read in one read-only transaction of the signed-in tenant (`oneSnapshot`: repeatable
    /// read, when its statements must all see the same lists).
    func read<T>(oneSnapshot: Bool = false, _ work: (TenantTransaction) async throws -> T) async throws -> T {
        if oneSnapshot {
            return try await console.database.withTenant(tenantID, actor: account.actor, readOnly: true, isolation: .repeatableRead, work)
        }
        return try await console.database.withTenant(tenantID, actor: account.actor, readOnly: true, work)
    }

    /// A write in one transaction of the signed-in tenant.
    func write<T>(_ work: (TenantTransaction) async throws -> T) async throws -> T {
        try await console.database.withTenant(tenantID, actor: account.actor, work)
    }

    /// For community staff, refuses unless `inside(root)` holds for their subtree's root;
    /// other roles pass. The API's rule (``OrgUnitStore`` decides what is inside).
    func requireSubtree(_ inside: (Int64) async throws -> Bool) async throws {
        guard account.role == .communityStaff else { return }
        guard let root = account.orgUnitID, try await inside(root) else {
            throw ConsoleRefusal(.forbidden, words("不在您负责的范围内：社区工作人员只能处理本辖区的记录",
                                                   "Outside your area: community staff may only write inside their own subtree"))
        }
    }

    /// Whether the account may write at all (viewers may not).
    var mayWrite: Bool { account.role.permits(.tenantWrite) }
    var isAdmin: Bool { account.role.permits(.tenantAdmin) }

    // MARK: - Answers

    /// The page as HTML inside the console's layout.
    func render(_ page: ConsolePage, status: HTTPResponse.Status = .ok) -> Response {
        var page = page
        if page.notice == nil { page.notice = flash }
        var response = ConsoleResponse.html(ConsoleResponse.layout(page, visit: self), status: status)
        if flash != nil { response.setCookie(ConsoleCookie.expired(ConsoleCookie.flash, secure: console.configuration.secureCookies)) }
        return response
    }

    /// A 303 to `location`, with `notice` shown on the page it leads to.
    func redirect(_ location: String, notice: String? = nil) -> Response {
        var response = ConsoleResponse.redirect(location)
        if let notice {
            response.setCookie(ConsoleCookie.flash(notice, secure: console.configuration.secureCookies))
        }
        return response
    }

    /// A refusal as a page with its status.
    func refusal(_ refusal: ConsoleRefusal) -> Response {
        var page = ConsolePage(refusal.title)
        page.error = refusal.message
        var back = ConsolePage.Section()
        back.links = session == nil ? [.init(text: words("登录", "Sign in"), href: "/console/sign-in")] : [.init(text: words("返回首页", "Back to the dashboard"), href: href())]
        page.sections = [back]
        return render(page, status: refusal.status)
    }
}

/// What the console refuses, with the status and the words for the page.
struct ConsoleRefusal: Error {
    var status: HTTPResponse.Status
    var title: String
    var message: String

    init(_ status: HTTPResponse.Status, _ message: String, title: String? = nil) {
        self.status = status
        self.message = message
        self.title = title ?? "\(status.code)"
    }

    /// The store's refusal as a page: the statuses the API gives for the same errors.
    init(_ error: RegistryStoreError, words: Words) {
        switch error {
        case .notFound, .tenantNotFound: self.init(.notFound, "\(error)")
        case .conflict, .staleVersion, .tenantArchived: self.init(.conflict, "\(error)")
        case .invalid: self.init(.unprocessableContent, "\(error)")
        default: self.init(.internalServerError, words("出错了", "Something went wrong"))
        }
    }
}

/// A posted form or a query string: each name's values in order (checkboxes repeat a name).
struct FormValues: Sendable {
    private(set) var values: [String: [String]] = [:]

    init(_ pairs: [(String, String)]) {
        for (name, value) in pairs { values[name, default: []].append(value) }
    }

    init(urlEncoded text: String) {
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            values[decode(parts[0]), default: []].append(parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    /// The first value of `name`, trimmed; `nil` when absent or blank.
    subscript(_ name: String) -> String? {
        guard let value = values[name]?.first?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    /// Every value of `name` (a group of checkboxes).
    func all(_ name: String) -> [String] { values[name] ?? [] }
}
