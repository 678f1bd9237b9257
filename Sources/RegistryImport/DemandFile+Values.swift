import ImportIssues
import Registry
import SpreadsheetCSV

// The value readers of a demand file. Each returns nil for a blank optional cell and for a
// wrong one; a wrong one also adds an issue, which is how `row(from:)` tells them apart.
//
// The common spellings (ISO dates, plain digits, exact vocabulary words) are read by a
// fast path, and everything else by SpreadsheetCSV's full parsers (full-width digits,
// 2024年3月5日, ¥1,234.50 …): a million-row file spends its time on the first kind, and
// the import must keep pace with COPY.
extension DemandFile {
    func field(_ name: Field, _ record: CSVRecord) -> CSVField? {
        columns[name.rawValue].map(record.field(at:))
    }

    /// Unicode's White_Space, spelt out: `Unicode.Scalar.Properties` is a table lookup per
    /// call, and a million-row file asks this some twenty million times.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// The field, or nil when it is empty or only white space.
    static func nonBlank(_ field: CSVField?) -> CSVField? {
        guard let field, !field.text.unicodeScalars.allSatisfy(isSpace) else { return nil }
        return field
    }

    /// The text of a cell without surrounding white space, copied only when there is some.
    static func trimmed(_ field: CSVField) -> String {
        let scalars = field.text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last, isSpace(first) || isSpace(last) else { return field.text }
        guard let start = scalars.firstIndex(where: { !isSpace($0) }), let end = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(scalars[start...end])
    }

    /// The trimmed text of a cell; nil when the file has no such column or the cell is blank.
    /// Its rules (required, length, NUL) are the draft's.
    func text(_ name: Field, _ record: CSVRecord) -> String? {
        Self.nonBlank(field(name, record)).map(Self.trimmed)
    }

    mutating func date(_ name: Field, _ record: CSVRecord) -> CivilDate? {
        guard let field = Self.nonBlank(field(name, record)) else { return nil }
        if let date = Self.isoDate(Self.trimmed(field)) { return date }
        guard let date = file.issues.collect(try field.date()) else { return nil }
        return try? CivilDate(year: date.year, month: date.month, day: date.day)
    }

    mutating func boolean(_ name: Field, _ record: CSVRecord) -> Bool? {
        guard let field = Self.nonBlank(field(name, record)) else { return nil }
        let text = Self.trimmed(field)
        if text == "是" || text == "yes" { return true }
        if text == "否" || text == "no" { return false }
        return file.issues.collect(try field.boolean())
    }

    /// A whole number: plain ASCII digits directly, other spellings (`1,234`, `１２`) parsed.
    mutating func integer(_ field: CSVField) -> Int? {
        let text = Self.trimmed(field)
        if text.utf8.count <= 18, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let value = Int(text) {
            return value
        }
        return file.issues.collect(try field.integer())
    }

    mutating func priority(_ record: CSVRecord) -> Priority? {
        guard let field = Self.nonBlank(field(.priority, record)), let value = integer(field) else { return nil }
        guard let priority = try? Priority(value) else {
            file.issues.append(field.issue("优先级须为 1–5 priority must be 1 to 5"))
            return nil
        }
        return priority
    }

    /// A whole number; its range is the draft's rule.
    mutating func beneficiaries(_ record: CSVRecord) -> Int? {
        Self.nonBlank(field(.beneficiaries, record)).flatMap { integer($0) }
    }

    /// The quantity in the unit's stored form: yuan become fen, other units whole numbers.
    mutating func quantity(_ record: CSVRecord, unit: MeasureUnit) -> Quantity? {
        guard let field = field(.quantity, record) else { return nil }
        guard Self.nonBlank(field) != nil else {
            file.issues.append(field.issue(FieldDeclaration.missingReason))
            return nil
        }
        let amount = unit == .yuan ? fen(field) : integer(field)
        guard let amount else { return nil }
        guard let quantity = try? Quantity(Int64(amount), unit) else {
            file.issues.append(field.issue("数量须大于 0 must be greater than 0"))
            return nil
        }
        return quantity
    }

    /// Yuan as fen: `1234`, `1234.5` and `1234.56` directly, `¥1,234.56` and the like parsed.
    mutating func fen(_ field: CSVField) -> Int? {
        if let fen = Self.plainFen(Self.trimmed(field)) { return fen }
        return file.issues.collect(try field.fen())
    }

    /// `digits[.d[d]]` in fen, or nil for anything else.
    static func plainFen(_ text: String) -> Int? {
        var yuan = 0, cents = 0, digits = 0, decimals = -1
        for byte in text.utf8 {
            switch byte {
            case 0x30...0x39 where decimals < 0:
                guard digits < 15 else { return nil }
                yuan = yuan * 10 + Int(byte - 0x30)
                digits += 1
            case 0x30...0x39 where decimals < 2:
                cents = cents * 10 + Int(byte - 0x30)
                decimals += 1
            case UInt8(ascii: ".") where decimals < 0 && digits > 0:
                decimals = 0
            default:
                return nil
            }
        }
        guard digits > 0, decimals != 0 else { return nil }
        return yuan * 100 + (decimals == 1 ? cents * 10 : cents)
    }

    /// `YYYY-MM-DD` exactly, read from the bytes; nil for any other spelling or a day that
    /// does not exist (the full parser then says why).
    static func isoDate(_ text: String) -> CivilDate? {
        let utf8 = text.utf8
        return utf8.withContiguousStorageIfAvailable { bytes -> CivilDate? in
            guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
            func number(_ range: Range<Int>) -> Int? {
                var value = 0
                for index in range {
                    guard (0x30...0x39).contains(bytes[index]) else { return nil }
                    value = value * 10 + Int(bytes[index] - 0x30)
                }
                return value
            }
            guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
            return try? CivilDate(year: year, month: month, day: day)
        } ?? nil
    }

    mutating func measureUnit(_ record: CSVRecord) -> MeasureUnit? {
        lookUp(.measureUnit, record, in: Self.measureUnits, required: true)
    }

    mutating func sourceChannel(_ record: CSVRecord) -> SourceChannel? {
        lookUp(.sourceChannel, record, in: sourceChannels, required: false)
    }

    mutating func state(_ record: CSVRecord) -> DemandState? {
        lookUp(.state, record, in: Self.states, required: false)
    }

    /// A level of the ladder (层级, 办结层级); how it fits the state is the draft's rule.
    mutating func level(_ name: Field, _ record: CSVRecord) -> EscalationLevel? {
        lookUp(name, record, in: Self.levels, required: false)
    }

    /// A vocabulary value by any of its spellings.
    private mutating func lookUp<Value>(_ name: Field, _ record: CSVRecord, in words: Spellings<Value>, required: Bool) -> Value? {
        guard let field = field(name, record) else { return nil }
        guard Self.nonBlank(field) != nil else {
            if required { file.issues.append(field.issue(FieldDeclaration.missingReason)) }
            return nil
        }
        let text = Self.trimmed(field)
        if let value = words.values[text] ?? words.values[text.lowercased()] { return value }
        file.issues.append(field.issue("不是可用的值 is not one of: \(words.allowed)"))
        return nil
    }
}
