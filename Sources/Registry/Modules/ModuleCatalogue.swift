/// The modules a build of govreg ships, checked: ids unique, each compatible with the core.
///
/// Code takes the catalogue as a value (tests build their own); the executable fills
/// ``ModuleRegistry`` with it once at start-up.
public struct ModuleCatalogue: Sendable {
    /// The modules, by id.
    public let modules: [any GovernanceModule]

    /// No modules: the harmless default.
    public static let empty = ModuleCatalogue(checked: [])

    /// Checks a list of modules.
    ///
    /// - Parameter core: The core version to check compatibility with.
    /// - Throws: ``ModuleCatalogueError`` for two modules with one id (their migrations
    ///   would share a folder) or a module that does not support `core`.
    public init(_ modules: [any GovernanceModule], core: SemanticVersion = CoreVersion.current) throws(ModuleCatalogueError) {
        var seen: [ModuleID: any GovernanceModule] = [:]
        for module in modules {
            if let first = seen[module.id] {
                throw .duplicateID(module.id, "\(type(of: first))", "\(type(of: module))")
            }
            seen[module.id] = module
            guard module.supports(core: core) else {
                throw .incompatible(module.id, module: module.version, supports: module.compatibleCore, core: core)
            }
            let keys = module.settingsSchema.fields.map(\.key)
            if let repeated = keys.first(where: { key in keys.filter { $0 == key }.count > 1 }) {
                throw .invalidSchema(module.id, "the setting \(repeated) appears twice")
            }
            for field in module.settingsSchema.fields where (try? field.check(JSONValue(field.default))) != field.default {
                throw .invalidSchema(module.id, "the default of \(field.key), \(field.default), does not fit its own kind")
            }
        }
        self.init(checked: modules.sorted { $0.id < $1.id })
    }

    private init(checked modules: [any GovernanceModule]) {
        self.modules = modules
    }

    /// The source channels of the core and of every shipped module's ``IntakeChannel``.
    public var sourceChannels: SourceChannels {
        SourceChannels(modules: modules.flatMap { $0.contributions.compactMap { $0 as? IntakeChannel } })
    }

    /// The module with this id, if shipped.
    public func module(_ id: ModuleID) -> (any GovernanceModule)? {
        modules.first { $0.id == id }
    }

    /// The module with this id (text), or an error naming the ids there are.
    public func module(named text: String) throws -> any GovernanceModule {
        guard let id = try? ModuleID(text), let module = module(id) else {
            throw RegistryError(
                .invalidValue, field: "module",
                chinese: "没有模块「\(text)」；可用：\(modules.map(\.id.rawValue).joined(separator: ", "))",
                english: "no module \"\(text)\"; shipped: \(modules.isEmpty ? "none" : modules.map(\.id.rawValue).joined(separator: ", "))")
        }
        return module
    }
}

/// Why a list of modules cannot start.
public enum ModuleCatalogueError: Error, Sendable, Hashable, CustomStringConvertible {
    case duplicateID(ModuleID, String, String)
    case incompatible(ModuleID, module: SemanticVersion, supports: ClosedRange<SemanticVersion>, core: SemanticVersion)
    case invalidSchema(ModuleID, String)

    public var description: String {
        switch self {
        case let .duplicateID(id, first, second):
            "两个模块使用同一标识 two modules share the id \(id): \(first) and \(second)"
        case let .incompatible(id, version, range, core):
            "模块 \(id) \(version) 不支持核心版本 \(core) module \(id) \(version) works with core \(range.lowerBound)–\(range.upperBound), not \(core)"
        case let .invalidSchema(id, reason):
            "模块 \(id) 的设置定义有误 module \(id) has an invalid settings schema: \(reason)"
        }
    }
}
