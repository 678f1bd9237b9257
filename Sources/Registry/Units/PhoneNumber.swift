/// A mainland China phone number: a mobile (`13812345678`) or a landline with its area
/// code (`0915-5212345`, `010-12345678`).
///
/// Normalised when read: spaces, hyphens and parentheses are dropped and a `+86` or `0086`
/// prefix is removed, so that the same number is stored one way. Landlines are stored as
/// `area-subscriber`. Masked as `138****5678` or `0915-***2345`.
///
/// ```swift
/// let mobile = try PhoneNumber("+86 138 1234 5678")
/// mobile.unmasked   // "13812345678"
/// mobile.masked     // "138****5678"
/// ```
public struct PhoneNumber: PersonalData {
    /// Mobile or landline.
    public enum Kind: String, Sendable, Hashable {
        /// `1[3-9]` followed by nine digits.
        case mobile
        /// `0`, a two- or three-digit area code, then seven or eight digits.
        case landline
    }

    /// The number, normalised.
    public let unmasked: String
    /// Mobile or landline.
    public let kind: Kind

    /// Checks, normalises and wraps a phone number.
    ///
    /// - Parameter text: The number as written.
    /// - Throws: ``RegistryError`` (`invalidValue`, field `phone`); the message never
    ///   repeats the number.
    public init(_ text: String) throws {
        var digits = text.filter { !" -()\u{3000}".contains($0) }
        for prefix in ["+86", "0086"] where digits.hasPrefix(prefix) {
            digits = String(digits.dropFirst(prefix.count))
            // In the international form a landline drops its trunk 0: +86 10 … is 010 ….
            if !Self.isMobile(digits), !digits.hasPrefix("0") { digits = "0" + digits }
        }
        if Self.isMobile(digits) {
            unmasked = digits
            kind = .mobile
        } else if let (area, subscriber) = Self.landlineParts(digits) {
            unmasked = area + "-" + subscriber
            kind = .landline
        } else {
            throw RegistryError.invalid(
                "phone",
                chinese: "电话号码格式不对：手机号为 11 位（1 开头），座机须带区号，如 0915-5212345",
                english: "not a phone number: a mobile has 11 digits starting with 1[3-9]; a landline needs its area code, e.g. 0915-5212345"
            )
        }
    }

    static func isMobile(_ digits: String) -> Bool {
        let bytes = Array(digits.utf8)
        return bytes.count == 11 && digits.isASCIIDigits && bytes[0] == UInt8(ascii: "1")
            && bytes[1] >= UInt8(ascii: "3")
    }

    /// Splits a landline into area code and subscriber number. Area codes that start with
    /// 01 or 02 (Beijing 010, the big cities 020–029) have three digits with the trunk 0;
    /// all others have four. Subscriber numbers have 7 or 8 digits and start with 2–9.
    static func landlineParts(_ digits: String) -> (String, String)? {
        let bytes = Array(digits.utf8)
        guard digits.isASCIIDigits, bytes.count >= 2, bytes[0] == UInt8(ascii: "0"), bytes[1] != UInt8(ascii: "0")
        else { return nil }
        let areaLength = (bytes[1] == UInt8(ascii: "1") || bytes[1] == UInt8(ascii: "2")) ? 3 : 4
        let subscriber = bytes.dropFirst(areaLength)
        guard (7...8).contains(subscriber.count), let first = subscriber.first, first >= UInt8(ascii: "2")
        else { return nil }
        return (String(digits.prefix(areaLength)), String(digits.dropFirst(areaLength)))
    }

    /// `138****5678` for a mobile; `0915-***2345` for a landline (area code and last four
    /// digits kept).
    public var masked: String {
        switch kind {
        case .mobile:
            return String(unmasked.prefix(3)) + "****" + String(unmasked.suffix(4))
        case .landline:
            let parts = unmasked.split(separator: "-")
            let subscriber = parts[1]
            return parts[0] + "-" + String(repeating: "*", count: subscriber.count - 4) + subscriber.suffix(4)
        }
    }

    /// Decodes and validates a bare string.
    public init(from decoder: any Decoder) throws {
        self = try decodeValidated(from: decoder) { try PhoneNumber($0) }
    }

    /// Encodes the full number (for storage only; see ``PersonalData``).
    public func encode(to encoder: any Encoder) throws {
        try encodeText(unmasked, to: encoder)
    }
}
