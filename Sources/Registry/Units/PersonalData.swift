/// A piece of personal data (a name, a phone number, an ID card number) that lists and
/// logs show only masked.
///
/// Every conforming type answers `description`, `debugDescription` and its mirror with
/// the masked form, so `print`, string interpolation, `dump` and a logged struct that
/// contains one all stay safe. The full value is reachable only through ``unmasked``, a
/// name meant to stand out in review, and through `Codable`, which the storage layer needs;
/// disclosures and public projections must not encode these types at all.
///
/// ```swift
/// let phone = try PhoneNumber("13812345678")
/// "\(phone)"         // "138****5678"
/// phone.unmasked     // "13812345678": only where the full number is really needed
/// ```
public protocol PersonalData: Hashable, Sendable, Codable, CustomStringConvertible,
    CustomDebugStringConvertible, CustomReflectable
{
    /// The full value, normalised. Use only to store it or to contact the person.
    var unmasked: String { get }
    /// The form shown in lists, with most characters replaced by `*`.
    var masked: String { get }
}

extension PersonalData {
    /// The masked form, so that accidental logging never leaks the value.
    public var description: String { masked }

    /// The masked form, so that `debugPrint` and `String(reflecting:)` never leak the value.
    public var debugDescription: String { masked }

    /// Shows only the masked form to `dump` and to the default description of any struct
    /// that contains this value.
    public var customMirror: Mirror {
        Mirror(self, children: ["masked": masked], displayStyle: .struct)
    }
}

/// The first `keep` characters, then a `*` for each character after them.
func maskAfter(_ text: String, keeping keep: Int) -> String {
    String(text.prefix(keep)) + String(repeating: "*", count: max(0, text.count - keep))
}
