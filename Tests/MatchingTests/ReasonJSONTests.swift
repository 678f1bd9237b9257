import Foundation
import Matching
import Testing

/// Reasons in JSON say what they are in the domain's words, never Swift's enum positions.
@Suite struct ReasonJSONTests {
    @Test func everyReasonIsAKindWithNamedFieldsAndReadsBack() throws {
        let reasons: [Alternative.Reason] = [
            .dearer(by: 40), .tie, .full(competitors: [Competitor(demand: 7, priority: 5, quantity: 3)], others: 2), .ineligible("服务范围外 outside its service area"),
        ]
        for reason in reasons {
            let alternative = Alternative(resource: 3, unitCost: 10, reason: reason)
            let data = try JSONEncoder().encode(alternative)
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains("_0") && text.contains("\"kind\""), "\(text)")
            #expect(try JSONDecoder().decode(Alternative.self, from: data) == alternative)
        }
        let ineligible = try JSONSerialization.jsonObject(with: JSONEncoder().encode(Alternative.Reason.ineligible("x"))) as? [String: String]
        #expect(ineligible == ["kind": "ineligible", "rule": "x"])
        for reason in [Shortfall.Reason.noEligibleResource, .capacityExhausted(competitors: [], allocationsByPriority: [0, 1, 0, 0, 2])] {
            let data = try JSONEncoder().encode(reason)
            #expect(!String(decoding: data, as: UTF8.self).contains("_0"))
            #expect(try JSONDecoder().decode(Shortfall.Reason.self, from: data) == reason)
        }
    }
}
