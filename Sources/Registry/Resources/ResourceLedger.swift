public import Foundation

/// A resource's pledge ledger: what the unit pledged, what each project drew and gave
/// back, and from those, what remains.
///
/// Remaining is never stored, always derived: pledged − drawn + returned. Every operation
/// that would make it negative is refused, and a project can never give back more than it
/// drew. (The storage layer enforces the same in PostgreSQL; this is the check that gives
/// the readable message.)
///
/// ```swift
/// var ledger = ResourceLedger(measureUnit: .yuan)
/// try ledger.pledge(try Quantity(.yuan(10_000)), at: now)
/// try ledger.draw(try Quantity(.yuan(8_000)), for: 3, at: now)
/// try ledger.recordReturn(try Quantity(.yuan(500)), from: 3, at: now)
/// ledger.remaining   // 250_000 fen: ¥2,500.00
/// ```
public struct ResourceLedger: Hashable, Sendable, Codable {
    /// The unit every amount is counted in.
    public let measureUnit: MeasureUnit
    /// The lines, oldest first.
    public private(set) var entries: [LedgerEntry] = []
    /// Everything pledged: the resource's capacity.
    public private(set) var pledged: Int64 = 0
    /// Everything drawn, before returns.
    public private(set) var drawn: Int64 = 0
    /// Everything given back.
    public private(set) var returned: Int64 = 0
    // What each project holds (drawn minus returned), to cap its returns.
    private var heldByProject: [ProjectID: Int64] = [:]

    /// An empty ledger.
    ///
    /// - Parameter measureUnit: The unit every amount is counted in.
    public init(measureUnit: MeasureUnit) {
        self.measureUnit = measureUnit
    }

    /// Replays stored lines, checking each as if it were recorded now.
    ///
    /// - Throws: ``RegistryError`` for the first line that breaks a rule.
    public init(measureUnit: MeasureUnit, entries: [LedgerEntry]) throws {
        self.init(measureUnit: measureUnit)
        for entry in entries { try record(entry) }
    }

    /// What the projects hold: drawn minus returned.
    public var outstanding: Int64 { drawn - returned }

    /// What can still be drawn: pledged − drawn + returned; never negative.
    public var remaining: Int64 { pledged - outstanding }

    /// What `project` holds of this resource: what it drew minus what it gave back.
    public func outstanding(for project: ProjectID) -> Int64 {
        heldByProject[project] ?? 0
    }

    /// Records a further pledge by the unit.
    @discardableResult
    public mutating func pledge(_ quantity: Quantity, at: Date, note: String? = nil) throws -> LedgerEntry {
        try checkUnit(quantity)
        return try record(LedgerEntry(kind: .pledged, amount: quantity.amount, at: at, note: LedgerEntry.checkedNote(note)))
    }

    /// Records a draw by a project.
    ///
    /// - Throws: ``RegistryError`` `insufficientRemaining` when it exceeds what remains (the
    ///   message names capacity, drawn, remaining and requested), `unitMismatch` for a
    ///   quantity in another unit.
    @discardableResult
    public mutating func draw(_ quantity: Quantity, for project: ProjectID, at: Date, note: String? = nil) throws -> LedgerEntry {
        try checkUnit(quantity)
        return try record(LedgerEntry(kind: .drawn, amount: quantity.amount, project: project, at: at, note: note))
    }

    /// Records a project giving back part or all of what it drew (e.g. when it is
    /// cancelled or comes in under budget).
    ///
    /// - Throws: ``RegistryError`` `returnExceedsDrawn` when the project would give back
    ///   more than it holds, `unitMismatch` for a quantity in another unit.
    @discardableResult
    public mutating func recordReturn(_ quantity: Quantity, from project: ProjectID, at: Date, note: String? = nil) throws -> LedgerEntry {
        try checkUnit(quantity)
        return try record(LedgerEntry(kind: .returned, amount: quantity.amount, project: project, at: at, note: note))
    }

    /// Checks one line against the ledger and appends it; the single place the rules live.
    ///
    /// - Throws: ``RegistryError``; on refusal the ledger is unchanged.
    @discardableResult
    public mutating func record(_ entry: LedgerEntry) throws -> LedgerEntry {
        guard entry.amount > 0 else {
            throw RegistryError.invalid(
                "amount", chinese: "台账金额/数量须大于 0", english: "a ledger amount must be greater than 0"
            )
        }
        switch (entry.kind, entry.project) {
        case (.pledged, nil):
            let (total, overflow) = pledged.addingReportingOverflow(entry.amount)
            guard !overflow else {
                throw RegistryError.invalid("amount", chinese: "承诺总量超出上限", english: "the pledged total is too large")
            }
            pledged = total
        case (.drawn, let project?):
            guard entry.amount <= remaining else { throw insufficient(requested: entry.amount) }
            drawn += entry.amount
            heldByProject[project, default: 0] += entry.amount
        case (.returned, let project?):
            let held = outstanding(for: project)
            guard entry.amount <= held else { throw overReturn(project: project, requested: entry.amount) }
            returned += entry.amount
            heldByProject[project] = held - entry.amount
        case (.pledged, _?):
            throw RegistryError.invalid(
                "project", chinese: "承诺记录不应指定项目", english: "a pledge does not belong to a project"
            )
        case (.drawn, nil), (.returned, nil):
            throw RegistryError.invalid(
                "project", chinese: "支取和退回须指明项目", english: "a draw or a return needs the project"
            )
        }
        entries.append(entry)
        return entry
    }

    private func checkUnit(_ quantity: Quantity) throws {
        guard quantity.unit == measureUnit else {
            throw RegistryError(
                .unitMismatch, field: "unit",
                chinese: "该资源以「\(measureUnit.chineseName)」计量，不能记入「\(quantity.unit.chineseName)」",
                english: "this resource is counted in \(measureUnit.rawValue), not \(quantity.unit.rawValue)"
            )
        }
    }

    private func insufficient(requested: Int64) -> RegistryError {
        let zh = measureUnit.chineseText, en = measureUnit.englishText
        return RegistryError(
            .insufficientRemaining, field: "quantity",
            chinese: "资源剩余不足：承诺总量 \(zh(pledged))，已支取 \(zh(outstanding))（已扣除退回），剩余 \(zh(remaining))，本次申请 \(zh(requested))",
            english: "not enough remaining: capacity \(en(pledged)), drawn \(en(outstanding)) (net of returns), remaining \(en(remaining)), requested \(en(requested))"
        )
    }

    private func overReturn(project: ProjectID, requested: Int64) -> RegistryError {
        let zh = measureUnit.chineseText, en = measureUnit.englishText
        let held = outstanding(for: project)
        return RegistryError(
            .returnExceedsDrawn, field: "quantity",
            chinese: "退回超过支取：项目 \(project) 在该资源上尚持有 \(zh(held))，本次退回 \(zh(requested))",
            english: "cannot return more than was drawn: project \(project) holds \(en(held)) of this resource, return requested \(en(requested))"
        )
    }

    private enum CodingKeys: String, CodingKey {
        case measureUnit = "measure_unit"
        case entries
    }

    /// Decodes the unit and the lines and replays them, so stored JSON breaking a rule is refused.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let unit = try container.decode(MeasureUnit.self, forKey: .measureUnit)
        let entries = try container.decode([LedgerEntry].self, forKey: .entries)
        do {
            try self.init(measureUnit: unit, entries: entries)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .entries, in: container, debugDescription: "\(error)")
        }
    }

    /// Encodes the unit and the lines; the totals are derived again when decoding.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(measureUnit, forKey: .measureUnit)
        try container.encode(entries, forKey: .entries)
    }
}
