import HTTPTypes
public import Hummingbird
public import RegistryStore

/// What a request carries through the middleware to its handler: Hummingbird's core
/// storage, and who called once ``AuthenticationMiddleware`` has looked at the token.
public struct APIContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The caller, or `nil` when no `Authorization` header came (public routes only).
    public var account: AuthenticatedAccount?
    /// The largest body a route accepts; ``APIRoute`` raises it for file imports.
    public var maxUploadSize: Int
    /// The client's address, for limiting failed authentication (empty in router tests).
    public var clientAddress: String

    public init(source: Source) {
        coreContext = .init(source: source)
        account = nil
        maxUploadSize = APIConfiguration.defaultBodyLimit
        clientAddress = source.channel.remoteAddress?.ipAddress ?? ""
    }
}
