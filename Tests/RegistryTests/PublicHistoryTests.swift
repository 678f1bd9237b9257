import Foundation
import Registry
import Testing

@Suite struct PublicHistoryTests {
    /// A demand's life with public and internal events, as staff would record it.
    static func events() throws -> [DemandEvent] {
        var demand = try TestValues.demand()
        let actor = TestValues.actor
        return [
            try demand.transition(
                to: .submitted, actor: actor, at: TestValues.at(0), note: "已收到您的诉求", visibility: .public),
            try demand.transition(
                to: .accepted, actor: actor, at: TestValues.at(1), note: "已列入需求清单", visibility: .public),
            try demand.transition(
                to: .matched, actor: actor, at: TestValues.at(2), note: "已为您对接共建单位", visibility: .public),
            try demand.transition(
                to: .accepted, actor: actor, at: TestValues.at(3), note: "内部：供电公司婉拒，撤销匹配", visibility: .internal),
            try demand.transition(
                to: .inProject, actor: actor, at: TestValues.at(4), note: "内部：改由物业公司承办", visibility: .internal),
            try demand.transition(to: .resolved, actor: actor, at: TestValues.at(5), note: "灯已修好", visibility: .public),
        ]
    }

    @Test func keepsPublicEventsMapsAndCollapses() throws {
        let history = PublicHistory(events: try Self.events())
        // The internal step back to the list is hidden, so the two "in progress" stretches
        // around it read as one.
        #expect(history.entries.map(\.status) == [.received, .inProgress, .done])
        #expect(history.entries[0].since == TestValues.at(0))
        #expect(history.entries[0].notes == ["已收到您的诉求", "已列入需求清单"])
        #expect(history.entries[1] == PublicHistory.Entry(status: .inProgress, since: TestValues.at(2), notes: ["已为您对接共建单位"]))
        #expect(history.entries[2].notes == ["灯已修好"])
        #expect(history.current == .done)
    }

    @Test func neverShowsInternalNotesOrStateNames() throws {
        let history = PublicHistory(events: try Self.events())
        let json = String(decoding: try JSONEncoder().encode(history), as: UTF8.self)
        #expect(!json.contains("内部"))
        #expect(!json.contains("account:17"))
        for state in DemandState.allCases where PublicStatus.storedValues.contains(state.rawValue) == false {
            #expect(!json.contains("\"\(state.rawValue)\""), "internal state \(state) leaked")
        }
        for state in DemandState.allCases {
            #expect(!json.contains(state.chineseName))
        }
    }

    @Test func reasonsStayInternal() throws {
        var demand = try TestValues.demand(.submitted)
        let event = try demand.transition(
            to: .rejected, actor: TestValues.actor, at: TestValues.start, note: "已转县住建局办理", reason: "举报人情绪激动",
            visibility: .public)
        let history = PublicHistory(events: [event])
        #expect(history.entries == [PublicHistory.Entry(status: .notTakenUp, since: TestValues.start, notes: ["已转县住建局办理"])])
        let json = String(decoding: try JSONEncoder().encode(history), as: UTF8.self)
        #expect(!json.contains("情绪"))
    }

    @Test func draftsAndWithdrawnDraftsShowNothing() throws {
        var demand = try TestValues.demand()
        let event = try demand.transition(to: .withdrawn, actor: TestValues.actor, at: TestValues.start, visibility: .internal)
        #expect(PublicHistory(events: [event]).entries.isEmpty)
        // Even a public move into a state residents never see adds nothing.
        let hidden = DemandEvent(
            demand: 7, from: .submitted, to: .draft, actor: TestValues.actor, at: TestValues.start, visibility: .public)
        #expect(PublicHistory(events: [hidden]).entries.isEmpty)
        #expect(PublicHistory(events: []).current == nil)
    }
}
