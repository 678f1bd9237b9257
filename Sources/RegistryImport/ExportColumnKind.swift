import Registry
import RegistryStore
import SpreadsheetCSV
import SpreadsheetXLSX

/// What a column of an export holds, so a workbook can type its cells: dates as dates, money
/// as numbers with two decimals, counts as numbers. CSV has no types and ignores it.
///
/// An export's columns are known by their English names (the `--header en` spelling), the
/// same in every list: `due_on` is a date wherever it appears. A column not named here is
/// text, which is always safe: codes, phone numbers and identity card numbers stay text, so
/// a spreadsheet keeps their leading zeros and every digit.
public enum ExportColumnKind: Sendable, Hashable {
    /// A string cell, as written.
    case text
    /// A calendar day (`2024-03-05`).
    case date
    /// Yuan with two decimals (`1500.00`).
    case money
    /// An amount in the row's measure unit: yuan with two decimals, or a whole number of
    /// hours, people, items (`quantity`, `capacity`).
    case amount
    /// A whole number (`priority`, `progress_percent`).
    case integer

    /// The kind of the column named `english` in any export.
    public static func of(column english: String) -> ExportColumnKind {
        kinds[english] ?? .text
    }

    /// The columns that are not text, by their English names across every export: the
    /// import's (docs/csv-columns.md) and the disclosed projections'. A test checks that they
    /// agree with the lists' field declarations.
    static let kinds: [String: ExportColumnKind] = [
        "due_on": .date, "filed_on": .date, "published_on": .date, "starts_on": .date, "completed_on": .date,
        "checked_on": .date, "available_from": .date, "available_until": .date, "registered_on": .date,
        "done_on": .date, "reported_on": .date, "valid_from": .date, "valid_to": .date,
        "budget": .money, "unit_cost": .money,
        "quantity": .amount, "capacity": .amount, "pledged": .amount, "remaining": .amount,
        "priority": .integer, "beneficiaries": .integer, "progress_percent": .integer, "percent": .integer,
        "rating": .integer, "members": .integer,
    ]

    /// `text`, as the export wrote it for CSV, as a typed cell. A value becomes a number or a
    /// date only when that number or date gives back exactly the same text (so `007` stays
    /// text, as would anything unexpected); blank is no cell.
    func cell(_ text: String) -> XLSXWriter.Cell {
        guard !text.isEmpty else { return .empty }
        switch self {
        case .text:
            return .text(text)
        case .date:
            guard let date = CalendarDate(iso: text), date.description == text else { return .text(text) }
            return .date(date)
        case .money:
            return Self.cents(text).map { .money(cents: $0) } ?? .text(text)
        case .amount:
            return text.contains(".") ? ExportColumnKind.money.cell(text) : ExportColumnKind.integer.cell(text)
        case .integer:
            guard let value = Int64(text), String(value) == text else { return .text(text) }
            return .integer(value)
        }
    }

    /// `1234.50` as 123450 fen: exactly two decimals, as the exports write money.
    static func cents(_ text: String) -> Int64? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 2, let whole = Int64(parts[0]), let fraction = Int64(parts[1]),
              parts[1].allSatisfy(\.isASCII), fraction >= 0
        else { return nil }
        let (scaled, overflow) = whole.magnitude.multipliedReportingOverflow(by: 100)
        guard !overflow, scaled + UInt64(fraction) <= UInt64(Int64.max) else { return nil }
        let cents = Int64(scaled) + fraction
        let value = text.hasPrefix("-") ? -cents : cents
        return ResourceStore.amountText(value, in: .yuan) == text ? value : nil
    }
}
