import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import NIOCore
import Registry
import RegistryStore

/// How the console answers: HTML with headers that forbid scripts, framing and caching of
/// personal pages, redirects after a post (so a reload never posts twice), and its style sheet.
enum ConsoleResponse {
    /// No script, no frame, nothing from elsewhere; forms post only to the console itself.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                .contentSecurityPolicy: contentSecurityPolicy, .xFrameOptions: "DENY",
                .referrerPolicy: "same-origin", .xContentTypeOptions: "nosniff",
            ],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }

    static func css() -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
            body: .init(byteBuffer: ByteBuffer(string: ConsoleLayout.css)))
    }

    /// `/console/language?to=en&back=/console/…`: remembers the language and goes back. Only
    /// a console path is a way back, so the link cannot send anyone elsewhere.
    static func language(_ request: Request, secure: Bool) -> Response {
        let query = FormValues(urlEncoded: request.uri.query ?? "")
        let english = query["to"] == "en"
        var back = query["back"] ?? "/console"
        if !back.hasPrefix("/console") || back.contains("//") || back.contains("\\") { back = "/console" }
        var response = redirect(back)
        response.setCookie(ConsoleCookie.make(ConsoleCookie.language, english ? "en" : "zh", maxAge: 365 * 86400, secure: secure))
        return response
    }

    /// `text` as one query value (a path with its own query stays one value).
    static func queryEscaped(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~/"))) ?? ""
    }

    /// The page in the layout: the header with the district, the account and the sign-out
    /// button, the navigation for the account's role, and the language switch.
    static func layout(_ page: ConsolePage, visit: Visit) -> String {
        let w = visit.words
        let path = visit.request.uri.path
        let back = queryEscaped(path + (visit.request.method == .get ? (visit.request.uri.query.map { "?" + $0 } ?? "") : ""))
        var context = ConsoleLayout.Context(
            lang: w.lang, page: page,
            switchHref: "/console/language?to=\(w.english ? "zh" : "en")&back=\(back)",
            switchLabel: w.english ? "中文" : "English", skip: w("跳到正文", "Skip to content"))
        if let session = visit.session {
            context.district = session.tenant
            context.user = "\(session.displayName)（\(w(session.account.role.chineseName, session.account.role.rawValue))）"
            context.signOut = ConsolePage.Form(action: "/console/sign-out", submit: w("退出", "Sign out"), csrf: visit.csrf, quiet: true, inline: true, id: "sign-out")
            context.nav = ConsoleRoutes.navigation(visit).map { link in
                var link = link
                let target = link.href.split(separator: "?").first.map(String.init) ?? link.href
                link.current = target == visit.href() ? path == target : path.hasPrefix(target)
                return link
            }
        }
        return ConsoleTemplates.library.render(context, withTemplate: "page") ?? ""
    }
}

extension HTTPField.Name {
    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
    static let xContentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
}
