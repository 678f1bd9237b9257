public import Foundation
public import Registry

/// HTTP operations a module adds to the API, under `/v1/tenants/{tenant}/modules/{id}/…`,
/// described without any HTTP framework: the module says what it takes and does, the API
/// mounts it, checks the caller's role and that the module is enabled for the tenant, runs
/// the handler in the request's transaction (so `Idempotency-Key` covers module writes too)
/// and documents it in the OpenAPI document.
public protocol ModuleEndpoints: ModuleContribution {
    /// The operations, each at a path relative to the module's own.
    var endpoints: [ModuleEndpoint] { get }
}

/// One operation of a module.
public struct ModuleEndpoint: Sendable {
    public enum Method: String, Sendable { case get = "GET", post = "POST", put = "PUT", delete = "DELETE" }

    /// Who may call it: any account of the tenant, those who may write, or the district's admins.
    public enum Access: Sendable {
        case read, write, admin

        /// The core's access class of the same reach (the API's routes and the console's pages).
        public var accessClass: AccessClass {
            switch self {
            case .read: .tenantRead
            case .write: .tenantWrite
            case .admin: .tenantAdmin
            }
        }
    }

    /// A body field or query parameter, for the document and the strict check of bodies
    /// (nested objects too: a key an object's fields do not name is refused there as well).
    public struct Field: Sendable {
        public indirect enum Kind: Sendable {
            case text, integer, boolean, date, textList
            /// One of these words.
            case choice([String])
            /// A JSON array of values of a declared field (``FieldDeclaration``).
            case list(FieldDeclaration)
            /// A JSON object of these fields.
            case object([Field])
            /// A JSON array of objects of these fields.
            case objectList([Field])
            /// A field the core declares once for every door (``FieldDeclaration``), such as
            /// a demand's quantity: the module's field is documented and limited as the core's.
            case declared(FieldDeclaration)
        }
        public var name: String
        public var kind: Kind
        public var required: Bool
        public var description: String

        /// Makes a field.
        public init(_ name: String, _ kind: Kind, required: Bool = false, _ description: String = "") {
            self.name = name
            self.kind = kind
            self.required = required
            self.description = description
        }

        /// The core's field `declaration`, under its own name.
        public init(_ declaration: FieldDeclaration, required: Bool = false) {
            self.init(declaration.name, .declared(declaration), required: required, declaration.summary)
        }
    }

    /// Where a write happens, so that community staff can be held to their subtree.
    public enum Place: Sendable {
        /// Nowhere in particular: community staff may not use the operation.
        case none
        /// The org unit whose code this body field holds (a place, a compound).
        case bodyField(String)
        /// The org unit of the record the path's `{id}` names, as this lookup finds it
        /// (`nil` when there is no such record).
        case record(@Sendable (_ id: Int64, _ tx: TenantTransaction) async throws -> Int64?)
    }

    public var method: Method
    /// Relative to the module's path, e.g. `topics/{id}/answer`; `{id}` parameters allowed.
    public var path: String
    public var access: Access
    public var summary: String
    public var body: [Field]
    public var query: [Field]
    /// Where a write happens (ignored for reads).
    public var place: Place
    public var handle: @Sendable (ModuleRequest) async throws -> ModuleReply

    /// Makes an operation.
    public init(
        _ method: Method, _ path: String, _ access: Access, summary: String, body: [Field] = [], query: [Field] = [],
        place: Place = .none, handle: @escaping @Sendable (ModuleRequest) async throws -> ModuleReply
    ) {
        self.method = method
        self.path = path
        self.access = access
        self.summary = summary
        self.body = body
        self.query = query
        self.place = place
        self.handle = handle
    }
}

/// What a module operation is given: the request's transaction (store functions take it as
/// `in: request.tx`, so the operation commits or rolls back with the request, and its
/// `Idempotency-Key`), the tenant's settings for the module, the path and query parameters,
/// and the JSON body.
public struct ModuleRequest: Sendable {
    /// The request's transaction: read-only for a GET, else a write.
    public var tx: TenantTransaction
    public var settings: ModuleSettings
    public var parameters: [String: String]
    public var query: [String: String]
    public var body: Data

    /// Makes a request (the API does).
    public init(tx: TenantTransaction, settings: ModuleSettings,
                parameters: [String: String], query: [String: String], body: Data) {
        self.tx = tx
        self.settings = settings
        self.parameters = parameters
        self.query = query
        self.body = body
    }

    /// The body decoded as `T` (give it snake_case `CodingKeys`); an empty body decodes as `{}`.
    /// A `DecodingError` reaches the caller as a 422 naming the field.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: body.isEmpty ? Data("{}".utf8) : body)
    }

    /// A query parameter that names one of `T`'s cases; a value that does not is a 422 naming it.
    public func query<T: RawRepresentable & CaseIterable>(_ name: String, as type: T.Type) throws -> T? where T.RawValue == String {
        guard let text = query[name] else { return nil }
        guard let value = T(rawValue: text) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw RegistryError(.invalidValue, field: "query:\(name)", chinese: "取值须为 \(allowed)", english: "must be one of \(allowed), got \(text)")
        }
        return value
    }

    /// A path parameter that is a row id.
    public func id(_ name: String = "id") throws -> Int64 {
        guard let id = parameters[name].flatMap({ Int64($0) }), id > 0 else {
            throw RegistryStoreError.notFound(kind: name, key: parameters[name] ?? "")
        }
        return id
    }
}

/// What a module operation answers: a status and a value the API encodes as its other
/// answers are encoded (one JSON policy for core and modules alike).
public struct ModuleReply: Sendable {
    public var status: Int
    public var value: any Encodable & Sendable

    /// `value` as the answer's JSON body.
    public static func json(_ value: some Encodable & Sendable, status: Int = 200) -> ModuleReply {
        ModuleReply(status: status, value: value)
    }
}
