import Foundation
import Registry
import Testing

@Suite struct DivisionCodeTests {
    @Test func splitsIntoParts() throws {
        let langao = try DivisionCode("610925")
        #expect(langao.province == "61")
        #expect(langao.prefecture == "09")
        #expect(langao.county == "25")
        #expect(langao.isCountyLevel)
        #expect(try !DivisionCode("610900").isCountyLevel)
        #expect(try DivisionCode("410106") < DivisionCode("610925"))
    }

    @Test(arguments: [
        "110105", "150102", "210102", "230102", "310101", "370102", "410106", "460105", "500101",
        "540102", "610925", "650102", "710000", "810000", "820000",
    ])
    func acceptsEveryProvinceRange(_ code: String) throws {
        #expect(try DivisionCode(code).rawValue == code)
    }

    @Test(arguments: [
        "", "61092", "6109250", "61092a", " 610925", "６１０９２５", "000000",
        "100000", "160000", "200000", "240000", "300000", "380000", "400000", "470000", "490000",
        "550000", "600000", "660000", "700000", "720000", "800000", "830000", "990000",
    ])
    func refusesBadCodes(_ code: String) throws {
        let error = try TestValues.refusal { _ = try DivisionCode(code) }
        #expect(error?.code == .invalidValue)
        #expect(error?.field == "division_code")
    }

    @Test func codesAsABareValidatedString() throws {
        let encoded = try JSONEncoder().encode(DivisionCode("610925"))
        #expect(String(decoding: encoded, as: UTF8.self) == #""610925""#)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(DivisionCode.self, from: Data(#""990000""#.utf8)) }
    }
}
