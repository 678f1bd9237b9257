import Foundation
import Postgres
import Registry

extension ResourceStore {
    /// Records a further pledge of an amount as a person writes it, in the resource's unit
    /// (`"5000"`, `"1234.50"` yuan, `"8"` hours): what the command line and the API take.
    ///
    /// - Throws: as ``pledge(_:amount:note:in:)``, and ``RegistryError`` at `amount` when
    ///   the text is no amount in the resource's unit.
    @discardableResult
    public static func pledge(_ key: String, written: String, note: String? = nil, in tx: TenantTransaction) async throws -> ResourceDetail {
        try await pledge(key, note: note, tx) { unit in
            do { return try unit.amount(written) } catch let error as RegistryError {
                var refusal = error
                refusal.field = "amount"
                throw refusal
            }
        }
    }

    /// Records a further pledge by the unit (a new ledger line; what remains grows by it).
    ///
    /// - Parameters:
    ///   - key: The resource's external id or id.
    ///   - amount: In the resource's stored amount (fen for yuan; see ``MeasureUnit/amount(_:)``).
    /// - Throws: ``RegistryError`` `notAllowedInState` for a withdrawn resource (nothing more
    ///   can be pledged to it), `invalidValue` for an amount that is not positive or a note
    ///   over ``LedgerEntry/maximumNoteLength``.
    @discardableResult
    public static func pledge(_ key: String, amount: Int64, note: String? = nil, in tx: TenantTransaction) async throws -> ResourceDetail {
        try await pledge(key, note: note, tx) { unit in try Quantity(amount, unit).amount }
    }

    /// Both pledges: the resource locked once, the amount read in its unit by `amountIn`.
    private static func pledge(
        _ key: String, note: String?, _ tx: TenantTransaction, amountIn: (MeasureUnit) throws -> Int64
    ) async throws -> ResourceDetail {
        let note = try LedgerEntry.checkedNote(note)
        let (id, status, unit) = try await Self.lock(key, tx)
        let amount = try amountIn(unit)
        guard status != .withdrawn else { throw Self.refused(status, chinese: "追加承诺", english: "pledge to") }
        try await Self.insertLedger(resource: id, kind: .pledged, quantity: amount, project: nil, note: note, tx)
        return try await Self.detail(id, tx)
    }

    /// Withdraws a resource: nothing more can be drawn on or pledged to it. What projects
    /// already drew stays theirs. Withdrawal is final, so it takes a reason, kept with who
    /// withdrew it and when. Withdrawing a withdrawn resource changes nothing (its first
    /// reason stays).
    ///
    /// - Throws: ``RegistryError`` at `reason` when it is blank or too long (``Resource/withdrawalReason(_:)``).
    @discardableResult
    public static func withdraw(_ key: String, reason: String, in tx: TenantTransaction) async throws -> ResourceDetail {
        let reason = try Resource.withdrawalReason(reason)
        let (id, _, _) = try await Self.lock(key, tx)
        try await tx.connection.execute("""
            UPDATE resource SET status = 'withdrawn', withdrawn_reason = \(reason), withdrawn_by = current_actor(), withdrawn_at = now(),
                                updated_at = now(), row_version = row_version + 1
            WHERE tenant_id = \(tx.tenantID) AND id = \(id) AND status <> 'withdrawn'
            """)
        return try await Self.detail(id, tx)
    }

    /// Confirms an offered resource (已申报 → 可用): it can be drawn on from now on.
    ///
    /// - Throws: ``RegistryError`` `notAllowedInState` unless the resource is offered.
    @discardableResult
    public static func confirm(_ key: String, in tx: TenantTransaction) async throws -> ResourceDetail {
        let (id, status, _) = try await Self.lock(key, tx)
        guard status == .offered else { throw Self.refused(status, chinese: "确认", english: "confirm") }
        try await tx.connection.execute("""
            UPDATE resource SET status = CASE WHEN remaining = 0 THEN 'exhausted' ELSE 'available' END,
                                updated_at = now(), row_version = row_version + 1
            WHERE tenant_id = \(tx.tenantID) AND id = \(id)
            """)
        return try await Self.detail(id, tx)
    }

    /// Locks the resource `key` for the rest of the transaction and reads its status and unit.
    static func lock(_ key: String, _ tx: TenantTransaction) async throws -> (Int64, ResourceStatus, MeasureUnit) {
        let id = try await id(of: key, tx)
        let row = try await tx.connection.query("""
            SELECT status, measure_unit FROM resource WHERE tenant_id = \(tx.tenantID) AND id = \(id) FOR UPDATE
            """)[0]
        return (id, try ResourceStatus(parsing: try row.decode(String.self, "status")),
                try MeasureUnit(parsing: try row.decode(String.self, "measure_unit")))
    }

    /// The refusal of an operation the resource's status does not allow.
    static func refused(_ status: ResourceStatus, chinese: String, english: String) -> RegistryError {
        RegistryError(
            .notAllowedInState, field: "status",
            chinese: "资源当前状态为「\(status.chineseName)」（\(status.rawValue)），不能\(chinese)",
            english: "the resource is \(status.rawValue); cannot \(english) it")
    }
}
