public import Registry

/// A module's reaction to events (a ``Registry/ModuleContribution``): the core's
/// (``Registry/CoreEvent``) and other modules' (``Registry/GovernanceEvent``), told apart with
/// `as?`; an event a handler does not know it ignores.
///
/// Handlers run **inside the transaction of the change**, on the same connection, with the
/// tenant set: what a handler writes commits or rolls back with the change, and a handler
/// that throws undoes the change (the caller sees ``ModuleHandlerError``). This was chosen
/// over an outbox because every handler the first modules need is a few rows in the same
/// database, and "the demand moved but the module did not hear of it" cannot then happen;
/// the price is that a slow handler slows the change, so handlers must stay small (no
/// network calls: those would want an outbox with at-least-once delivery).
///
/// Only modules enabled for the tenant hear its events. A demand import emits one
/// ``Registry/CoreEvent/demandsImported(importID:created:updated:)`` for its whole batch (a
/// handler reads the rows with ``DemandStore/importedDemands(_:in:)``); project imports move
/// their demands one by one and emit for each. A handler must not
/// swallow an SQL error of its own: the transaction is then aborted, and the change fails
/// anyway with a less helpful message.
public protocol CoreEventHandler: ModuleContribution {
    /// Reacts to `event` within `tx`.
    ///
    /// - Parameters:
    ///   - event: What happened.
    ///   - settings: The tenant's settings for the module.
    ///   - tx: The change's transaction.
    func handle(_ event: any GovernanceEvent, settings: ModuleSettings, in tx: TenantTransaction) async throws
}

/// A module's event handler failed; the change it reacted to was rolled back.
public struct ModuleHandlerError: Error, Sendable, CustomStringConvertible {
    public var module: ModuleID
    public var event: String
    /// What the handler threw (a `PostgresError` keeps its SQLSTATE).
    public var underlying: any Error
    public var reason: String { "\(underlying)" }

    public var description: String {
        "模块 \(module) 处理事件 \(event) 失败，变更已撤销 module \(module) failed on \(event), so the change was rolled back: \(reason)"
    }
}

extension TenantTransaction {
    /// Hands events (the core's, or a module's own) to the handlers of the modules enabled for
    /// this tenant, in module id order, inside this transaction.
    ///
    /// - Throws: ``ModuleHandlerError`` when a handler throws.
    public func emit(_ events: [any GovernanceEvent]) async throws {
        let handlers = modules.modules.flatMap { module in
            module.contributions.compactMap { $0 as? any CoreEventHandler }.map { (module.id, $0) }
        }
        guard !handlers.isEmpty, !events.isEmpty else { return }
        let enabled = try await ModuleStore.enabledSettings(self)
        for (id, handler) in handlers {
            guard let settings = enabled[id] else { continue }
            for event in events {
                do {
                    try await handler.handle(event, settings: settings, in: self)
                } catch {
                    throw ModuleHandlerError(module: id, event: event.name, underlying: error)
                }
            }
        }
    }

    /// ``emit(_:)`` for the core's own events, so the core writes `[.projectCompleted(…)]`.
    public func emit(_ events: [CoreEvent]) async throws {
        try await emit(events.map { $0 as any GovernanceEvent })
    }
}
