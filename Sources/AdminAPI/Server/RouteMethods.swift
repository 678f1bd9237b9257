import HTTPTypes

/// Which methods each path of the route table takes, to answer a known path asked with
/// another method 405 and `Allow`, as HTTP says, rather than the router's 404.
struct RouteMethods: Sendable {
    private let templates: [(segments: [Substring], method: String)]

    init(_ table: APIRouteTable) {
        templates = table.routes.map { ($0.path.split(separator: "/"), $0.method.rawValue) }
    }

    /// The methods whose route matches `path` (a `{parameter}` segment matches any segment).
    func methods(for path: String) -> [String] {
        let segments = path.split(separator: "/")
        let matching = templates.filter { template in
            template.segments.count == segments.count
                && zip(template.segments, segments).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
        }
        return Array(Set(matching.map(\.method))).sorted()
    }
}
