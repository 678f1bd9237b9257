import HTTPTypes
public import Hummingbird
public import Registry

/// Every route of the API, in the order the document lists them.
///
/// ``register(on:services:)`` is the only place routes reach the router, and it records
/// each (method, path) it registers, which is what the document test compares against.
public struct APIRouteTable: Sendable {
    public let routes: [APIRoute]

    /// The core's routes.
    static let core: [APIRoute] = HealthRoutes.routes + TenantRoutes.routes + AccountRoutes.routes
        + HierarchyRoutes.routes + DemandRoutes.routes + ResourceRoutes.routes + ProjectRoutes.routes
        + MatchingRoutes.routes + ModuleRoutes.routes + ImportRoutes.routes + ReportRoutes.routes + Open311ClientRoutes.routes

    /// The whole API: the core's routes and those of every module shipped in `modules`
    /// (mounted for all tenants, answering only where the module is enabled).
    public static func v1(modules: ModuleCatalogue) -> APIRouteTable {
        APIRouteTable(routes: core + ModuleEndpointRoutes.routes(modules))
    }

    /// Adds every route to `router`; returns the (method, path) pairs registered.
    @discardableResult
    public func register(on router: Router<APIContext>, services: APIServices) -> [(method: String, path: String)] {
        var registered: [(method: String, path: String)] = []
        for route in routes {
            router.on(RouterPath(route.routerPath), method: route.method) { request, context -> Response in
                try await APICall.run(route, request: request, context: context, services: services)
            }
            registered.append((route.method.rawValue, route.path))
        }
        return registered
    }
}
