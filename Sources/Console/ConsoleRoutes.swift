import Hummingbird
import Registry

/// One page (or form target) of the console behind sign-in: where it is, who may use it,
/// and what it does.
struct ConsoleRoute: Sendable {
    enum Method: Sendable { case get, post }

    let method: Method
    /// `/console/{tenant}/…`, with `{name}` for path parameters.
    let path: String
    let access: AccessClass
    /// Whether the page takes a file (`multipart/form-data`, read only once the caller has
    /// been let in; every other page refuses one unread).
    let uploads: Bool
    let handler: @Sendable (Visit) async throws -> Response

    init(_ method: Method, _ path: String, _ access: AccessClass, uploads: Bool = false,
         _ handler: @escaping @Sendable (Visit) async throws -> Response) {
        self.method = method
        self.path = "/console/{tenant}" + path
        self.access = access
        self.uploads = uploads
        self.handler = handler
    }

    /// The names of the path's parameters.
    var parameters: [String] {
        path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }
    }

    /// The path as Hummingbird's router spells parameters (`:name`).
    var routerPath: String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.hasPrefix("{") ? ":" + segment.dropFirst().dropLast() : String(segment)
        }.joined(separator: "/")
    }
}


/// Every page of the console behind sign-in, and the navigation bar.
enum ConsoleRoutes {
    static let pages: [ConsoleRoute] =
        DashboardPage.routes + DemandPages.routes + IntakePage.routes + ListPages.routes
        + MatchingPages.routes + ModulePages.routes + HierarchyPage.routes + AccountPages.routes + ImportPages.routes + ReportPages.routes + UnitPages.routes

    /// The navigation for the signed-in account's role.
    static func navigation(_ visit: Visit) -> [ConsolePage.Link] {
        let w = visit.words
        var links: [ConsolePage.Link] = [.init(text: w("首页", "Dashboard"), href: visit.href())]
        links.append(.init(text: w("需求清单", "Demands"), href: visit.href("demands")))
        if visit.mayWrite {
            links.append(.init(text: w("登记需求", "File a demand"), href: visit.href("intake")))
            links.append(.init(text: w("我的待办", "My desk"), href: visit.href("desk")))
        }
        links.append(.init(text: w("资源清单", "Resources"), href: visit.href("resources")))
        links.append(.init(text: w("项目清单", "Projects"), href: visit.href("projects")))
        if visit.isAdmin { links.append(.init(text: w("供需匹配", "Matching"), href: visit.href("matching"))) }
        links.append(.init(text: w("季度汇报", "Reports"), href: visit.href("reports")))
        links.append(.init(text: w("组织架构", "Hierarchy"), href: visit.href("org")))
        links.append(.init(text: w("共建单位", "Units"), href: visit.href("units")))
        if visit.isAdmin {
            links.append(.init(text: w("导入", "Imports"), href: visit.href("imports")))
            links.append(.init(text: w("模块", "Modules"), href: visit.href("modules")))
            links.append(.init(text: w("账号", "Accounts"), href: visit.href("accounts")))
        }
        return links
    }
}
