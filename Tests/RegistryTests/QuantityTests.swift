import Foundation
import Registry
import Testing

@Suite struct QuantityTests {
    @Test func isPositive() throws {
        #expect(throws: RegistryError.self) { try Quantity(0, .items) }
        #expect(throws: RegistryError.self) { try Quantity(-3, .items) }
        #expect(try Quantity(1, .job).amount == 1)
    }

    @Test func moneyQuantitiesAreFen() throws {
        let funds = try Quantity(.yuan(5_000))
        #expect(funds.amount == 500_000 && funds.unit == .yuan)
        #expect(funds.money == .yuan(5_000))
        #expect(try Quantity(3, .items).money == nil)
        #expect(funds.description == "¥5,000.00")
    }

    @Test func decodingValidates() throws {
        let good = try JSONDecoder().decode(Quantity.self, from: Data(#"{"amount":4,"unit":"sessions"}"#.utf8))
        #expect(good == (try Quantity(4, .sessions)))
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Quantity.self, from: Data(#"{"amount":0,"unit":"sessions"}"#.utf8))
        }
    }
}
