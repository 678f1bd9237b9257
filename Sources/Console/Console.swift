public import Hummingbird
public import Logging
public import RegistryStore
import Registry

/// The web console (控制台) at `/console/`: server-rendered pages for district admins,
/// community staff and grid workers, served by `govreg serve` beside the API.
///
/// It signs people in with the API's accounts (a password, a session cookie) and calls the
/// same store functions as the API inside the same tenant transactions, so the rules (the
/// workflow, the field checks, the subtree limit of community staff, row-level security)
/// are the API's and live in one place.
///
/// ```swift
/// let console = Console(database: registry, configuration: .init(secureCookies: false), logger: logger)
/// console.register(on: router)
/// ```
public struct Console: Sendable {
    /// How sessions and sign-in behave.
    public struct Configuration: Sendable {
        /// `Secure` cookies: on when the console is reached over TLS (a `https` public URL).
        public var secureCookies: Bool
        /// A session's longest life, and how long it survives without a request.
        public var sessionSeconds = 12 * 3600
        public var idleSeconds = 2 * 3600
        /// Wrong passwords in a row that lock an account, and for how long.
        public var failuresBeforeLock = 5
        public var lockSeconds = 15 * 60
        /// Asked before each sign-in with the client's address: `nil` lets it through, a number
        /// of seconds refuses it for that long. Every attempt costs a bcrypt check (a quarter of
        /// a second of a core), so a flood of them must not be free; the API's limiter of failed
        /// authentications per address is what `govreg serve` gives.
        public var admitSignIn: @Sendable (_ address: String) async -> Int? = { _ in nil }

        public init(secureCookies: Bool) { self.secureCookies = secureCookies }
    }

    let database: RegistryDatabase
    let configuration: Configuration
    let sessions: ConsoleSessions
    let logger: Logger
    /// Uploaded files between their dry run and their import.
    let uploads = UploadShelf()
    /// What each district's dashboard counts, counted at most once a minute.
    let dashboards = DashboardCounts()

    public init(database: RegistryDatabase, configuration: Configuration, logger: Logger) {
        self.database = database
        self.configuration = configuration
        self.sessions = ConsoleSessions(database: database)
        self.logger = logger
    }

    /// Adds the console's routes to `router`; `clientAddress` reads a request's client address
    /// from its context (for ``Configuration/admitSignIn``).
    public func register<Context: RequestContext>(
        on router: Router<Context>, clientAddress: @escaping @Sendable (Context) -> String = { _ in "" }
    ) {
        let console = self
        router.get("/console/console.css") { _, _ in ConsoleResponse.css() }
        router.get("/console") { request, _ in try await console.visit(request, [:]) { try await SignInPages.home($0) } }
        router.get("/console/language") { request, _ in ConsoleResponse.language(request, secure: console.configuration.secureCookies) }
        router.get("/console/sign-in") { request, _ in try await console.visit(request, [:]) { try await SignInPages.form($0) } }
        router.post("/console/sign-in") { request, context in
            try await console.visit(request, [:], reads: true) { try await SignInPages.signIn($0, from: clientAddress(context)) }
        }
        router.post("/console/sign-out") { request, _ in try await console.visit(request, [:], reads: true) { try await SignInPages.signOut($0) } }
        for page in ConsoleRoutes.pages {
            let handler: @Sendable (Request, Context) async throws -> Response = { request, context in
                var parameters: [String: String] = [:]
                for name in page.parameters { parameters[name] = context.parameters.get(name) ?? "" }
                return try await console.visit(request, parameters, reads: page.method == .post) { try await $0.enter(page) }
            }
            switch page.method {
            case .post: router.post(RouterPath(page.routerPath), use: handler)
            case .get: router.get(RouterPath(page.routerPath), use: handler)
            }
        }
        // Any other path under a district's console is a console page that says so, not the
        // API's JSON. (Hummingbird's router refuses `/console/**` beside `/console/{tenant}`.)
        let missing: @Sendable (Request, Context) async throws -> Response = { request, _ in
            try await console.visit(request, [:]) { visit in
                throw ConsoleRefusal(.notFound, visit.words("没有这个页面", "No such page"))
            }
        }
        router.get("/console/:tenant/**", use: missing)
        router.post("/console/:tenant/**", use: missing)
    }

    /// An error as the log may hold it: its type and description, never a reflection of its
    /// fields (a database error's detail can quote a row, a password hash included).
    static func loggable(_ error: any Error) -> String {
        "\(type(of: error)): \(String(describing: error).prefix(300))"
    }

    /// Runs one request of the console: reads its cookies (and its form, for a post), and
    /// turns what the store refuses into a page that says so, never a bare 500.
    private func visit(
        _ request: Request, _ parameters: [String: String], reads form: Bool = false, _ body: (Visit) async throws -> Response
    ) async throws -> Response {
        let visit: Visit
        do {
            visit = try await Visit(console: self, request: request, parameters: parameters, readForm: form)
        } catch let refusal as ConsoleRefusal {
            return ConsoleResponse.html(refusal.message, status: refusal.status)
        } catch {
            // The session could not be looked up (the database is away): said plainly, logged.
            logger.error("console: \(request.method) \(request.uri.path): \(Self.loggable(error))")
            return ConsoleResponse.html("出错了，请稍后再试 Something went wrong; please try again", status: .serviceUnavailable)
        }
        do {
            return try await body(visit)
        } catch let refusal as ConsoleRefusal {
            return visit.refusal(refusal)
        } catch let error as RegistryStoreError {
            return visit.refusal(ConsoleRefusal(error, words: visit.words))
        } catch {
            logger.error("console: \(request.method) \(request.uri.path) failed: \(Self.loggable(error))")
            return visit.refusal(ConsoleRefusal(.internalServerError, visit.words("出错了，请稍后再试", "Something went wrong; please try again")))
        }
    }
}
