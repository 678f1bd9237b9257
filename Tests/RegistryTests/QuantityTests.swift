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
        let good = try JSONDecoder().decode(Quantity.self, from: Data(#"{"amount":"4","unit":"sessions"}"#.utf8))
        #expect(good == (try Quantity(4, .sessions)))
        let money = try JSONDecoder().decode(Quantity.self, from: Data(#"{"amount":"1500.50","unit":"yuan"}"#.utf8))
        #expect(money == (try Quantity(150_050, .yuan)))
        for bad in [#"{"amount":"0","unit":"sessions"}"#, #"{"amount":4,"unit":"sessions"}"#, #"{"amount":"1.5","unit":"sessions"}"#,
                    #"{"amount":150000,"unit":"yuan"}"#, #"{"amount":"1.234","unit":"yuan"}"#] {
            #expect(throws: DecodingError.self, "\(bad)") { try JSONDecoder().decode(Quantity.self, from: Data(bad.utf8)) }
        }
    }

    @Test func jsonCarriesTheAmountInItsUnit() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let encoded = { (q: Quantity) in String(decoding: try encoder.encode(q), as: UTF8.self) }
        #expect(try encoded(Quantity(150_000, .yuan)) == #"{"amount":"1500.00","unit":"yuan"}"#)
        #expect(try encoded(Quantity(40, .volunteerHours)) == #"{"amount":"40","unit":"volunteer_hours"}"#)
        #expect(String(decoding: try encoder.encode(Money(fen: -1_230)), as: UTF8.self) == #""-12.30""#)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Money.self, from: Data("150000".utf8)) }
    }
}
