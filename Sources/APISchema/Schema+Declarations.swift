public import Registry

extension Schema {
    /// A field's schema, from its one declaration (``FieldDeclaration``): the limits the
    /// document shows are those the domain checks.
    public init(_ field: FieldDeclaration) {
        self.init(field.kind, description: field.summary + " (\(field.chineseName))")
    }

    /// The schema of one value of `kind`.
    private init(_ kind: FieldDeclaration.Kind, description: String?) {
        switch kind {
        case .text(let maxLength): self = .string(maxLength: maxLength, description: description)
        case .integer(let minimum, let maximum):
            self = .integer(minimum: minimum, maximum: maximum == .max ? nil : maximum, description: description)
        case .date: self = .string(format: "date", description: description)
        case .boolean: self = .boolean(description: description)
        case .words(let words, let open):
            let codes = words.map(\.code)
            self = open
                ? .string(pattern: SourceChannel.codePattern, description: (description ?? "") + "; one of " + codes.joined(separator: ", ") + ", or a module's")
                : .string(values: codes, description: description)
        case .quantity:
            self = .object([
                ("amount", Self.decimal("In the unit: \"1500.00\" yuan, \"40\" hours; greater than 0")),
                ("unit", .string(values: MeasureUnit.allCases.map(\.rawValue))),
            ], required: ["amount", "unit"], description: description)
        case .amount:
            self = Self.decimal((description ?? "") + "; in the record's measure unit: \"1500.00\" yuan, \"40\" hours; greater than 0")
        case .money:
            self = Self.decimal((description ?? "") + "; yuan with up to two decimals, e.g. \"12000.50\"; not negative")
        case .allocation:
            self = .object([
                ("resource", .string(maxLength: 100, description: "The resource's external id (or id)")),
                ("quantity", .string(description: "In the resource's unit, as written: 5000 or 1,250.50")),
            ], required: ["resource", "quantity"], description: description)
        case .list(let item):
            self = .array(Schema(item, description: nil), description: description)
        }
    }

    /// An amount as JSON carries it: a decimal string in its unit, `"1500.00"` or `"40"` (never
    /// fen, never a JSON number, so that no client's floating point touches money). Its form
    /// is the domain's to check, as for a file's cell, so that every door says the same
    /// (`不能为负 cannot be negative`, not a regular expression).
    public static func decimal(_ description: String) -> Schema {
        .string(maxLength: 30, description: description)
    }

    /// A module's settings as a body: each key with the kind and limits it is checked against;
    /// a body names only the keys it changes.
    public init(_ settings: ModuleSettingsSchema) {
        self = .object(settings.fields.map { field in
            let description = "\(field.chineseName) \(field.englishName)"
            let schema: Schema = switch field.kind {
            case .text(let maxLength): .string(maxLength: maxLength, pattern: Schema.nonBlankText, description: description)
            case .integer(let range): .integer(minimum: range.lowerBound, maximum: range.upperBound, description: description)
            case .boolean: .boolean(description: description)
            case .choice(let options): .string(values: options, description: description)
            case .textList(_, let maxLength):
                .array(.string(maxLength: maxLength, pattern: Schema.nonBlankText, description: nil), description: description)
            }
            return (field.key, schema)
        }, description: "The settings to change; the others keep their value")
    }

    /// A request body of declared fields (those the API carries), then `extra` properties of
    /// the route's own (options such as `submit`, which are not the record's fields).
    public static func body(_ fields: [FieldDeclaration], extra: [(String, Schema)] = []) -> Schema {
        let carried = fields.filter { $0.doors.contains(.api) }
        return .object(
            carried.map { ($0.name, Schema($0)) } + extra,
            required: carried.filter { $0.requiredIn.contains(.api) }.map(\.name))
    }
}
