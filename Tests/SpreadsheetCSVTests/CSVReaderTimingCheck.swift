import Foundation
import ImportIssues
import SpreadsheetCSV
import Testing

/// A timing check run by hand, not part of the suite (it asserts no speed):
///
/// ```sh
/// CSV_TIMING=1 swift test -c release --scratch-path .build-csv --filter CSVReaderTimingCheck
/// ```
///
/// It reads 1,000,000 rows of 10 short fields (Chinese text, dates, amounts, one quoted
/// field with a comma) and prints the time per field for decoding plus parsing, and for
/// turning every field into a `String`.
@Suite("CSVReader timing (manual)", .enabled(if: ProcessInfo.processInfo.environment["CSV_TIMING"] != nil))
struct CSVReaderTimingCheck {
    static let rowCount = 1_000_000
    static let columnCount = 10

    @Test("1M rows × 10 fields")
    func timing() throws {
        var text = "编号,需求名称,社区,数量,金额（元）,开始日期,完成日期,是否公开,联系人,备注\r\n"
        text.reserveCapacity(Self.rowCount * 90)
        for row in 0..<Self.rowCount {
            text += "\(row),修缮小区\(row % 97),幸福社区,\(row % 50),\(row % 1000).50,2024-03-05,2024/6/30,是,张三,\"一期,二期\"\r\n"
        }
        let bytes = Array(text.utf8)
        let fields = Double(Self.rowCount * Self.columnCount)
        let clock = ContinuousClock()

        var issues = IssueList()
        var table: CSVTable?
        let parse = try clock.measure { table = try CSVReader().read(bytes, issues: &issues) }
        let records = try #require(table).records
        #expect(records.count == Self.rowCount && issues.isEmpty)

        var totalLength = 0
        let strings = clock.measure {
            for record in records {
                for value in record { totalLength &+= value.utf8.count }
            }
        }
        func nanosecondsPerField(_ duration: Duration) -> Double {
            Double(duration.components.seconds) * 1e9 / fields + Double(duration.components.attoseconds) / 1e9 / fields
        }
        print("""
            CSV timing: \(bytes.count / 1_000_000) MB, \(Self.rowCount) rows × \(Self.columnCount) fields
              decode + parse:     \(parse)  (\(nanosecondsPerField(parse)) ns/field)
              fields as String:   \(strings)  (\(nanosecondsPerField(strings)) ns/field), \(totalLength) bytes
            """)
    }
}
