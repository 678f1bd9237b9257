import Registry
import Testing

@Suite struct IDCardNumberTests {
    /// The check character from the definition of ISO 7064 MOD 11-2 (weights 2^(18−i) mod 11,
    /// check = (12 − sum mod 11) mod 11, 10 written X), independent of the source's tables.
    static func checkCharacter(_ body: String) -> String {
        var sum = 0
        for (index, digit) in body.enumerated() {
            var weight = 1
            for _ in 0..<(17 - index) { weight = weight * 2 % 11 }
            sum += Int(String(digit))! * weight
        }
        let check = (12 - sum % 11) % 11
        return check == 10 ? "X" : String(check)
    }

    @Test func acceptsComputedValidNumbers() throws {
        for body in ["61092519850317123", "11010519491231002", "44030420000229451", "65010219991231000"] {
            let number = body + Self.checkCharacter(body)
            let id = try IDCardNumber(number)
            #expect(id.unmasked == number)
        }
        // The worked example of GB 11643 ends in X.
        #expect(Self.checkCharacter("11010519491231002") == "X")
        #expect(try IDCardNumber("11010519491231002x").unmasked == "11010519491231002X")
    }

    @Test func refusesEveryWrongCheckCharacter() throws {
        let body = "61092519850317123"
        let right = Self.checkCharacter(body)
        for candidate in ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "X"] where candidate != right {
            let error = try TestValues.refusal { _ = try IDCardNumber(body + candidate) }
            #expect(error?.code == .invalidValue, "check \(candidate)")
            #expect(error?.description.contains(body) == false)  // never repeats the number
        }
    }

    @Test func refusesMalformedNumbers() {
        func valid(_ body: String) -> String { body + Self.checkCharacter(body) }
        let bad = [
            "", "6109251985031712", "6109251985031712345",  // lengths
            "61092519850317A23" + "4", "６1092519850317123X",  // letters, full-width digit
            valid("99092519850317123"),  // no province 99
            valid("61092519850230123"),  // 30 February
            valid("61092518991231123"),  // born before 1900
            valid("61092519851301123"),  // month 13
        ]
        for text in bad {
            #expect(throws: RegistryError.self, "\(text)") { try IDCardNumber(text) }
        }
    }

    @Test func masksAllButFirstFourAndLastTwo() throws {
        let body = "61092519850317123"
        let id = try IDCardNumber(body + Self.checkCharacter(body))
        #expect(id.masked == "6109************" + "3" + Self.checkCharacter(body))
        #expect(id.masked.count == 18)
        #expect("\(id)" == id.masked)
        #expect(String(reflecting: id) == id.masked)
    }
}
