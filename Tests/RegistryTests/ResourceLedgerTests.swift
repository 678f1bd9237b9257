import Foundation
import Registry
import Testing

@Suite struct ResourceLedgerTests {
    static func yuan(_ amount: Int64) throws -> Quantity { try Quantity(.yuan(amount)) }

    @Test func remainingIsPledgedMinusDrawnPlusReturned() throws {
        var ledger = ResourceLedger(measureUnit: .yuan)
        try ledger.pledge(Self.yuan(10_000), at: TestValues.at(0))
        try ledger.draw(Self.yuan(6_000), for: 1, at: TestValues.at(1))
        try ledger.draw(Self.yuan(3_000), for: 2, at: TestValues.at(2))
        try ledger.recordReturn(Self.yuan(1_000), from: 1, at: TestValues.at(3))
        try ledger.pledge(Self.yuan(500), at: TestValues.at(4))
        #expect(ledger.pledged == 1_050_000)
        #expect(ledger.drawn == 900_000)
        #expect(ledger.returned == 100_000)
        #expect(ledger.outstanding == 800_000)
        #expect(ledger.remaining == 250_000)
        #expect(ledger.outstanding(for: 1) == 500_000)
        #expect(ledger.outstanding(for: 2) == 300_000)
        #expect(ledger.outstanding(for: 9) == 0)
        #expect(ledger.entries.map(\.signedAmount).reduce(0, +) == ledger.remaining)
    }

    /// A pledge's note is held like a workflow's: trimmed, and at most 2,000 characters
    /// (every resource's detail answers with its whole ledger).
    @Test func aPledgeNoteIsTrimmedAndLimited() throws {
        var ledger = ResourceLedger(measureUnit: .yuan)
        #expect(try ledger.pledge(Self.yuan(10), at: TestValues.start, note: " 追加 ").note == "追加")
        let long = String(repeating: "长", count: LedgerEntry.maximumNoteLength + 1)
        let error = try #require(throws: RegistryError.self) { try ledger.pledge(Self.yuan(10), at: TestValues.start, note: long) }
        #expect(error.field == "note")
        #expect(ledger.entries.count == 1)
    }

    @Test func drawingBelowZeroIsRefusedWithTheFigures() throws {
        var ledger = ResourceLedger(measureUnit: .yuan)
        try ledger.pledge(Self.yuan(10_000), at: TestValues.start)
        try ledger.draw(Self.yuan(8_000), for: 1, at: TestValues.start)
        let before = ledger
        let error = try #require(try TestValues.refusal { try ledger.draw(Self.yuan(3_000), for: 2, at: TestValues.start) })
        #expect(error.code == .insufficientRemaining)
        #expect(
            error.englishMessage
                == "not enough remaining: capacity ¥10,000.00, drawn ¥8,000.00 (net of returns), remaining ¥2,000.00, requested ¥3,000.00"
        )
        #expect(error.chineseMessage.contains("承诺总量 ¥10,000.00"))
        #expect(ledger == before)
        // Exactly what remains is fine, and leaves zero.
        try ledger.draw(Self.yuan(2_000), for: 2, at: TestValues.start)
        #expect(ledger.remaining == 0)
    }

    @Test func aProjectCannotReturnMoreThanItDrew() throws {
        var ledger = ResourceLedger(measureUnit: .volunteerHours)
        try ledger.pledge(Quantity(100, .volunteerHours), at: TestValues.start)
        try ledger.draw(Quantity(40, .volunteerHours), for: 1, at: TestValues.start)
        try ledger.draw(Quantity(40, .volunteerHours), for: 2, at: TestValues.start)
        try ledger.recordReturn(Quantity(30, .volunteerHours), from: 1, at: TestValues.start)
        let error = try TestValues.refusal {
            try ledger.recordReturn(Quantity(11, .volunteerHours), from: 1, at: TestValues.start)
        }
        #expect(error?.code == .returnExceedsDrawn)
        #expect(error?.englishMessage.contains("project 1 holds 10 volunteer hours") == true)
        let never = try TestValues.refusal { try ledger.recordReturn(Quantity(1, .volunteerHours), from: 3, at: TestValues.start) }
        #expect(never?.code == .returnExceedsDrawn)
        try ledger.recordReturn(Quantity(10, .volunteerHours), from: 1, at: TestValues.start)
        #expect(ledger.outstanding(for: 1) == 0)
    }

    @Test func refusesOtherUnitsAndMalformedLines() throws {
        var ledger = ResourceLedger(measureUnit: .items)
        let wrongUnit = try TestValues.refusal { try ledger.pledge(Quantity(5, .sessions), at: TestValues.start) }
        #expect(wrongUnit?.code == .unitMismatch)
        let bad: [LedgerEntry] = [
            LedgerEntry(kind: .pledged, amount: 0, at: TestValues.start),
            LedgerEntry(kind: .pledged, amount: 5, project: 1, at: TestValues.start),
            LedgerEntry(kind: .drawn, amount: 5, at: TestValues.start),
            LedgerEntry(kind: .returned, amount: 5, at: TestValues.start),
        ]
        for entry in bad {
            #expect(throws: RegistryError.self) { try ledger.record(entry) }
        }
        #expect(ledger.entries.isEmpty)
    }

    @Test func replayAndCodingCheckTheRules() throws {
        let good = [
            LedgerEntry(kind: .pledged, amount: 10, at: TestValues.start),
            LedgerEntry(kind: .drawn, amount: 10, project: 4, at: TestValues.start),
        ]
        let ledger = try ResourceLedger(measureUnit: .items, entries: good)
        let decoded = try JSONDecoder().decode(ResourceLedger.self, from: JSONEncoder().encode(ledger))
        #expect(decoded == ledger)
        #expect(throws: RegistryError.self) {
            try ResourceLedger(measureUnit: .items, entries: good + [LedgerEntry(kind: .drawn, amount: 1, project: 4, at: TestValues.start)])
        }
        let overdrawn = #"{"measure_unit":"items","entries":[{"kind":"drawn","amount":1,"project":4,"at":0}]}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ResourceLedger.self, from: Data(overdrawn.utf8)) }
    }
}
