// Validated text types (division codes, slugs, phone numbers …) encode as one bare string,
// and decoding runs the same validation as `init(_:)`, so that a bad value in stored JSON
// or an API body is refused instead of slipping past the initialiser.

/// Decodes one string and turns it into a value with `make`, reporting its refusal as
/// `DecodingError.dataCorrupted`.
func decodeValidated<Value>(
    from decoder: any Decoder,
    _ make: (String) throws -> Value
) throws -> Value {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    do {
        return try make(text)
    } catch {
        throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(error)")
    }
}

/// Encodes one string as a bare value.
func encodeText(_ text: String, to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(text)
}
