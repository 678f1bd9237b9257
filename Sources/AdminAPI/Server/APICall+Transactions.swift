import Digest
import Foundation
import HTTPTypes
import Hummingbird
import RegistryStore

extension HTTPField.Name {
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    static let requestID = HTTPField.Name("X-Request-Id")!
}

extension APICall {
    /// Runs a read in the tenant's read-only transaction.
    /// Store calls inside `work` join it, so a request holds one pooled connection at a time.
    func read(_ work: (TenantTransaction) async throws -> APIAnswer) async throws -> Response {
        try await services.database.withTenant(try tenantID, actor: try account.actor, readOnly: true) { tx in
            try await TenantTransaction.joining(tx) { try await work(tx) }
        }.response
    }

    /// Runs a write in one tenant transaction, honouring `Idempotency-Key`.
    ///
    /// With a key, the key is claimed first in the same transaction: a retry of a committed
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
            // Store calls inside `work` that open a transaction of their own join this one.
            let answer = try await TenantTransaction.joining(tx) { try await work(tx) }
            if let key { try await IdempotencyKeys.record(key, account: account.accountID, answer.stored, in: tx) }
            return answer
        }.response
    }

    /// What a key is bound to: SHA-256 of method, path and body (computed only for keyed writes).
    private var requestHash: Data {
        var hasher = SHA256()
        hasher.update(Array("\(request.method.rawValue) \(request.uri.path)\n".utf8))
        hasher.update(Array(body))
        return Data(hasher.finalize())
    }
}
