import Registry

/// How lists show the personal data they hold: names as `张*`, phones as `138****5678`, ID
/// card numbers as `6109************12`.
///
/// Stored values were checked on the way in, so they normally parse and are masked by the
/// domain's own rules. A value that does not parse (a contact written before the checks, a
/// role such as 联络员 instead of a name) is masked by keeping its first character only:
/// a list never shows more than the rule would, whatever is stored.
enum PersonMasking {
    /// `张*`, `欧阳**`.
    static func name(_ stored: String?) -> String? {
        guard let stored else { return nil }
        return (try? PersonalName(stored))?.masked ?? keepingFirst(stored)
    }

    /// `138****5678`, `0915-***2345`.
    static func phone(_ stored: String?) -> String? {
        guard let stored else { return nil }
        return (try? PhoneNumber(stored))?.masked ?? keepingFirst(stored)
    }

    /// `6109************12`.
    static func idCard(_ stored: String?) -> String? {
        guard let stored else { return nil }
        return (try? IDCardNumber(stored))?.masked ?? keepingFirst(stored)
    }

    private static func keepingFirst(_ text: String) -> String {
        String(text.prefix(1)) + String(repeating: "*", count: max(1, text.count - 1))
    }
}
