import Foundation
import Registry
import Testing

@Suite struct PersonalDataTests {
    static func person() throws -> Person {
        try Person(
            tenant: TestValues.tenant, id: 1, name: PersonalName("欧阳娜娜"), phone: PhoneNumber("13812345678"),
            idCard: IDCardNumber("11010519491231002X"))
    }

    @Test func everyWayOfPrintingIsMasked() throws {
        let person = try Self.person()
        var dumped = ""
        dump(person, to: &dumped)
        let printed = [String(describing: person), String(reflecting: person), "\(person.name)", dumped]
        for text in printed {
            for secret in ["娜娜", "13812345678", "1234", "11010519491231002X", "19491231"] {
                #expect(!text.contains(secret), "\(secret) leaked in \(text)")
            }
        }
        #expect(String(describing: person).contains("138****5678"))
    }

    @Test func codingKeepsTheFullValueForStorage() throws {
        let person = try Self.person()
        let decoded = try JSONDecoder().decode(Person.self, from: JSONEncoder().encode(person))
        #expect(decoded == person)
        #expect(decoded.phone?.unmasked == "13812345678")
        let bad = #""12812345678""#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(PhoneNumber.self, from: Data(bad.utf8)) }
    }
}
