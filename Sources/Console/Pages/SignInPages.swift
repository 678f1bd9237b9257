import Foundation
import Hummingbird
import RegistryStore

/// Signing in and out.
///
/// A sign-in names the district, the login and the password. The password is checked
/// against the account's bcrypt hash off the request threads; a wrong one is counted, and
/// the fifth in a row locks the account for a quarter of an hour (the store does both in one
/// statement, so parallel guesses cannot slip past the count). Whatever was wrong (no such
/// district or login, no password set, a wrong password, a lock) the page says the same
/// thing, with the same status, and takes as long. A right one opens a new session under a new secret, so a cookie planted
/// before sign-in is worth nothing after it.
enum SignInPages {
    /// `/console`: the dashboard when signed in, the sign-in form when not.
    static func home(_ visit: Visit) async throws -> Response {
        guard let session = visit.session else { return ConsoleResponse.redirect("/console/sign-in") }
        return ConsoleResponse.redirect("/console/\(session.tenant)/")
    }

    static func form(_ visit: Visit) async throws -> Response {
        if let session = visit.session, visit.form["tenant"] == nil || visit.form["tenant"] == session.tenant {
            return ConsoleResponse.redirect("/console/\(session.tenant)/")
        }
        let secret = visit.request.cookies[ConsoleCookie.signIn]?.value ?? ConsoleCookie.newSecret()
        var response = visit.render(page(visit, secret: secret, tenant: visit.form["tenant"], login: nil, next: visit.form["next"]))
        response.setCookie(ConsoleCookie.make(ConsoleCookie.signIn, secret, maxAge: 3600, secure: visit.console.configuration.secureCookies))
        return response
    }

    static func signIn(_ visit: Visit, from address: String) async throws -> Response {
        let w = visit.words
        let configuration = visit.console.configuration
        guard let secret = visit.request.cookies[ConsoleCookie.signIn]?.value, let token = visit.form["csrf"],
              ConsoleCookie.sameText(ConsoleCookie.csrf(secret), token)
        else {
            throw ConsoleRefusal(.forbidden, w("登录表单已失效，请刷新后重试", "The sign-in form has expired (CSRF token); reload it and try again"))
        }
        let tenant = visit.form["tenant"] ?? "", login = (visit.form["login"] ?? "").lowercased()
        let password = visit.form.all("password").first ?? ""
        func again(_ error: String, status: HTTPResponse.Status = .unauthorized) -> Response {
            var page = page(visit, secret: secret, tenant: tenant, login: login, next: visit.form["next"])
            page.error = error
            return visit.render(page, status: status)
        }
        // One answer for every failure (no such district or login, no password set, a wrong
        // password, a locked account), after one bcrypt check each: the page cannot be used
        // to learn which logins exist or which are locked.
        let refused = w("未登录：区县、登录名或密码不正确，或账号因连续输错密码已锁定 15 分钟",
                        "Not signed in: wrong district, login or password, or the account is locked for 15 minutes after repeated wrong passwords")
        guard !tenant.isEmpty, !login.isEmpty, !password.isEmpty, tenant.count <= 64, login.count <= 64, password.utf8.count <= 1024 else {
            return again(w("请填写区县、登录名和密码", "Give the district, the login and the password"), status: .unprocessableContent)
        }
        if let wait = await configuration.admitSignIn(address) {
            var response = again(w("此地址登录尝试过于频繁，请 \(wait) 秒后再试", "Too many sign-in attempts from this address; try again in \(wait) s"),
                                 status: .tooManyRequests)
            response.headers[.retryAfter] = "\(wait)"
            return response
        }
        let candidate = try await visit.console.sessions.candidate(tenant: tenant, login: login)
        let matches = try await ConsolePassword.verify(password, hash: candidate?.passwordHash)
        guard let candidate, candidate.lockedUntil == nil, matches else {
            if let candidate, candidate.lockedUntil == nil, candidate.passwordHash != nil {
                _ = try await visit.console.sessions.failed(
                    candidate.accountID, limit: configuration.failuresBeforeLock, lockSeconds: configuration.lockSeconds)
            }
            return again(refused)
        }
        let session = ConsoleCookie.newSecret()
        guard try await visit.console.sessions.open(
            candidate.accountID, secretHash: ConsoleCookie.hash(session),
            lifetimeSeconds: configuration.sessionSeconds, idleSeconds: configuration.idleSeconds)
        else { return again(refused) }
        let home = "/console/\(tenant)/"
        let next = visit.form["next"].flatMap { $0.hasPrefix(home) && !$0.contains("//") && !$0.contains("\\") ? $0 : nil }
        var response = ConsoleResponse.redirect(next ?? home)
        response.setCookie(ConsoleCookie.make(ConsoleCookie.session, session, maxAge: configuration.sessionSeconds, secure: configuration.secureCookies))
        response.setCookie(ConsoleCookie.expired(ConsoleCookie.signIn, secure: configuration.secureCookies))
        return response
    }

    static func signOut(_ visit: Visit) async throws -> Response {
        if let secret = visit.secret, visit.session != nil {
            guard visit.carriesCSRFToken else {
                throw ConsoleRefusal(.forbidden, visit.words("表单已失效，请刷新后重试", "The form has expired (CSRF token); reload and try again"))
            }
            try await visit.console.sessions.end(ConsoleCookie.hash(secret))
        }
        var response = visit.redirect("/console/sign-in?tenant=\(ConsoleResponse.queryEscaped(visit.tenant))",
                                      notice: visit.words("已退出", "Signed out"))
        response.setCookie(ConsoleCookie.expired(ConsoleCookie.session, secure: visit.console.configuration.secureCookies))
        return response
    }

    private static func page(_ visit: Visit, secret: String, tenant: String?, login: String?, next: String?) -> ConsolePage {
        let w = visit.words
        var form = ConsolePage.Form(action: "/console/sign-in", submit: w("登录", "Sign in"), csrf: ConsoleCookie.csrf(secret), id: "sign-in")
        form.fields = [
            .init(name: "tenant", label: w("区县", "District"), value: tenant ?? "", hint: w("区县代号，如 langao", "The district's key, e.g. langao"),
                  required: true, autocomplete: "organization"),
            .init(name: "login", label: w("登录名", "Login"), value: login ?? "", required: true, autocomplete: "username"),
            .init(name: "password", label: w("密码", "Password"), kind: .password, required: true, autocomplete: "current-password"),
        ]
        form.fields[tenant == nil ? 0 : 1].autofocus = true
        if let next { form.fields.append(.init(name: "next", label: "", kind: .hidden, value: next)) }
        var section = ConsolePage.Section()
        section.forms = [form]
        section.text = w("使用区县为您开设的账号登录；忘记密码请联系区县管理员。", "Sign in with the account your district gave you; if you forgot the password, ask your district's administrator.")
        return ConsolePage(w("登录控制台", "Sign in to the console"), sections: [section])
    }
}
