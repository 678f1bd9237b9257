import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import RegistryStore

extension HTTPField.Name {
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    static let requestID = HTTPField.Name("X-Request-Id")!
}

extension APICall {
    /// Runs a read in one read-only transaction of the tenant: `work` passes `tx` to the store
    /// functions it calls (`in: tx`), so a request holds one pooled connection at a time.
    func read(_ work: (TenantTransaction) async throws -> APIAnswer) async throws -> Response {
        try await services.database.withTenant(try tenantID, actor: try account.actor, readOnly: true) { tx in
            try await work(tx)
        }.response
    }

    /// Runs a write in one tenant transaction, honouring `Idempotency-Key`.
    ///
    /// `work` does its writes with store functions that take `in: tx`, so the key, the work
    /// and the recorded answer commit or roll back together. With a key, the key is claimed first in the same transaction: a retry of a committed
    /// write gets the stored answer (and `Idempotent-Replayed: true`) and changes nothing; a
    /// retry of a write that never committed runs it again. A key reused for another request
    /// is a 409.
    func write(_ work: (TenantTransaction) async throws -> APIAnswer) async throws -> Response {
        let account = try account
        let key = request.headers[.idempotencyKey]
        return try await services.database.withTenant(try tenantID, actor: account.actor) { tx in
            if let key {
                if let stored = try await IdempotencyKeys.claim(key, account: account.accountID, requestHash: requestHash, in: tx) {
                    return APIAnswer(stored)
                }
            }
            // The work runs in this transaction, with the key it is recorded under.
            let answer = try await work(tx)
            if let key { try await IdempotencyKeys.record(key, account: account.accountID, answer.stored, in: tx) }
            return answer
        }.response
    }

    /// What a key is bound to: SHA-256 of method, path and body (computed only for keyed writes).
    var requestHash: Data {
        var hasher = SHA256()
        hasher.update(data: Data("\(request.method.rawValue) \(request.uri.path)\n".utf8))
        hasher.update(data: body)
        return Data(hasher.finalize())
    }
}
