import Registry
import Testing

@Suite struct PhoneNumberTests {
    @Test func normalisesMobiles() throws {
        for text in ["13812345678", "138 1234 5678", "138-1234-5678", "+86 138 1234 5678", "008613812345678"] {
            let phone = try PhoneNumber(text)
            #expect(phone.unmasked == "13812345678", "\(text)")
            #expect(phone.kind == .mobile)
            #expect(phone.masked == "138****5678")
        }
    }

    @Test func normalisesLandlinesWithAreaCodes() throws {
        let cases = [
            ("010-62345678", "010-62345678", "010-****5678"),
            ("01062345678", "010-62345678", "010-****5678"),
            ("(029) 8888 6666", "029-88886666", "029-****6666"),
            ("0915-5212345", "0915-5212345", "0915-***2345"),
            ("+86 915 5212345", "0915-5212345", "0915-***2345"),
        ]
        for (text, stored, masked) in cases {
            let phone = try PhoneNumber(text)
            #expect(phone.kind == .landline)
            #expect(phone.unmasked == stored, "\(text)")
            #expect(phone.masked == masked)
        }
    }

    @Test func refusesOtherNumbers() throws {
        let bad = [
            "", "12812345678", "1381234567", "138123456789", "5212345",  // no area code
            "0915-0212345", "0915-52123", "abc", "１３８１２３４５６７８",
        ]
        for text in bad {
            let error = try TestValues.refusal { _ = try PhoneNumber(text) }
            #expect(error?.code == .invalidValue, "\(text)")
            // Never repeats the number (the short inputs could match the message's example).
            if text.count >= 11 { #expect(error?.description.contains(text) == false, "\(text)") }
        }
    }
}
