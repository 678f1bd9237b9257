import Foundation
import ListMatching
import Testing

@Suite struct MatchingWeightsTests {
    private func read(_ json: String) -> Result<MatchingWeights, MatchingWeightsError> {
        Result { () throws(MatchingWeightsError) in try MatchingWeights(json: Data(json.utf8)) }
    }

    @Test func missingFieldsKeepTheirDefaults() throws {
        let weights = try read(#"{"contract_bonus": 50, "distance": {"district": 100}}"#).get()
        #expect(weights.contractBonus == 50)
        #expect(weights.distance == .init(grid: 0, community: 10, street: 30, district: 100))
        #expect(weights.unitCostPerYuan == 1)
        #expect(try read(weights.json).get() == weights)   // the recorded form reads back
    }

    @Test(arguments: [
        (#"{"contract_bonus": 1.5}"#, "contract_bonus"),
        (#"{"contract_bonus": "20"}"#, "contract_bonus"),
        (#"{"contract_bonus": -1}"#, "contract_bonus"),
        (#"{"distance": {"grid": 40}}"#, "distance"),
        (#"{"distance": {"village": 40}}"#, "distance.village"),
        (#"{"contract_bonuss": 20}"#, "contract_bonuss"),
        (#"[1, 2]"#, "(file)"),
        (#"{"distance": "#, "(file)"),
    ])
    func aBadFileNamesTheField(json: String, field: String) {
        guard case let .failure(error) = read(json) else {
            Issue.record("\(json) was accepted")
            return
        }
        #expect(error.field == field, "\(error)")
    }
}
