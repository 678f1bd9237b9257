public import Foundation

extension Resource {
    /// Confirms an offered resource: it becomes available (or exhausted, if nothing is
    /// pledged yet).
    ///
    /// - Throws: ``RegistryError`` `notAllowedInState` unless the resource is offered.
    public mutating func confirm() throws {
        guard status == .offered else { throw refused("confirm", chinese: "确认") }
        status = ledger.remaining > 0 ? .available : .exhausted
    }

    /// Withdraws the resource: nothing more can be drawn or pledged. What projects already
    /// drew stays with them, and they can still give it back.
    ///
    /// - Throws: ``RegistryError`` `notAllowedInState` when it is already withdrawn.
    public mutating func withdraw() throws {
        guard status != .withdrawn else { throw refused("withdraw", chinese: "撤回") }
        status = .withdrawn
    }

    /// The reason a withdrawal must give (withdrawal is final): trimmed, at most as long as a
    /// ledger note.
    ///
    /// - Throws: ``RegistryError`` `reasonRequired` when blank, `invalidValue` when too long.
    public static func withdrawalReason(_ text: String?) throws -> String {
        guard let reason = try optionalText(text, field: "reason", limit: LedgerEntry.maximumNoteLength) else {
            throw RegistryError(.reasonRequired, field: "reason", chinese: "撤回资源须说明理由", english: "withdrawing a resource needs a reason")
        }
        return reason
    }

    /// Records a further pledge; refused once the resource is withdrawn.
    ///
    /// - Throws: ``RegistryError`` `notAllowedInState`, or as ``ResourceLedger/pledge(_:at:note:)``.
    @discardableResult
    public mutating func pledge(_ quantity: Quantity, at: Date, note: String? = nil) throws -> LedgerEntry {
        guard status != .withdrawn else { throw refused("pledge to", chinese: "追加承诺") }
        let entry = try ledger.pledge(quantity, at: at, note: note)
        status = status.following(remaining: ledger.remaining)
        return entry
    }

    /// Records a draw by a project; only an available resource can be drawn on. Drawing the
    /// last of it makes it exhausted.
    ///
    /// - Throws: ``RegistryError`` `notAllowedInState`, or as ``ResourceLedger/draw(_:for:at:note:)``.
    @discardableResult
    public mutating func draw(_ quantity: Quantity, for project: ProjectID, at: Date, note: String? = nil) throws -> LedgerEntry {
        guard status == .available else { throw refused("draw on", chinese: "支取") }
        let entry = try ledger.draw(quantity, for: project, at: at, note: note)
        status = status.following(remaining: ledger.remaining)
        return entry
    }

    /// Records a project giving back what it drew; an exhausted resource becomes available
    /// again.
    ///
    /// - Throws: ``RegistryError`` as ``ResourceLedger/recordReturn(_:from:at:note:)``.
    @discardableResult
    public mutating func recordReturn(_ quantity: Quantity, from project: ProjectID, at: Date, note: String? = nil) throws -> LedgerEntry {
        let entry = try ledger.recordReturn(quantity, from: project, at: at, note: note)
        status = status.following(remaining: ledger.remaining)
        return entry
    }

    private func refused(_ action: String, chinese: String) -> RegistryError {
        RegistryError(
            .notAllowedInState, field: "status",
            chinese: "资源当前状态为「\(status.chineseName)」（\(status.rawValue)），不能\(chinese)",
            english: "the resource is \(status.rawValue); cannot \(action) it"
        )
    }
}
