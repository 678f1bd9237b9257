import Foundation
import HTTPTypes
import Hummingbird
import Registry
import RegistryStore

extension APICall {
    /// Files a demand through ``DemandIntake``: one statement after the token check, with
    /// the `Idempotency-Key`, the subtree of community staff and the tenant's status kept
    /// as ``write(_:)`` keeps them. Answers 201 with the demand, its ETag and Location; a
    /// retry under the same key gets the same answer, marked `Idempotent-Replayed`.
    func intake(_ draft: DemandDraft, submit: Bool, location: (DemandID) -> String) async throws -> Response {
        let account = try account
        let key = request.headers[.idempotencyKey]
        if let key { try IdempotencyKeys.check(key) }
        var subtreeRoot: Int64?
        if account.role == .communityStaff {
            guard let root = account.orgUnitID else { throw Self.outsideSubtree }
            subtreeRoot = root
        }
        let caller = DemandIntake.Caller(
            tenant: try tenantID, actor: account.actor, account: account.accountID, key: key,
            requestHash: key == nil ? nil : requestHash, subtreeRoot: subtreeRoot)
        let outcome: DemandIntake.Outcome
        do {
            outcome = try await DemandIntake.file(draft, submit: submit, by: caller, on: services.database)
        } catch is DemandIntake.OutsideSubtree {
            throw Self.outsideSubtree
        }
        switch outcome {
        case .filed(let detail):
            return try APIAnswer.json(detail, status: .created, version: detail.rowVersion, location: location(detail.demand.id)).response
        case .replayed(let detail):
            var answer = try APIAnswer.json(detail, status: .created, version: detail.rowVersion, location: location(detail.demand.id))
            answer.headers["Idempotent-Replayed"] = "true"
            return answer.response
        case .answered(let stored):
            return APIAnswer(stored).response
        }
    }

    /// Community staff writing outside their part of the hierarchy (as ``requireSubtree(_:)``).
    static var outsideSubtree: APIProblem {
        APIProblem(.forbidden, kind: "outside-subtree", title: "超出负责范围 Outside your part of the hierarchy",
                   detail: "community staff write only under the org unit their account is bound to")
    }
}
