import HTTPTypes
public import Hummingbird

/// Every route of the API, in the order the document lists them.
///
/// ``register(on:services:)`` is the only place routes reach the router, and it records
/// each (method, path) it registers, which is what the document test compares against.
public struct APIRouteTable: Sendable {
    public let routes: [APIRoute]

    /// The whole API.
    public static let v1 = APIRouteTable(routes:
        HealthRoutes.routes + TenantRoutes.routes + AccountRoutes.routes
        + DemandRoutes.routes + ListRoutes.routes + ModuleRoutes.routes)

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
