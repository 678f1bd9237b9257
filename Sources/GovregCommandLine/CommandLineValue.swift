import ArgumentParser
import ImportIssues
public import Registry
import SpreadsheetCSV

/// Values typed on the command line, read as the files read them, so that a day or a word is
/// accepted in the same forms by `import` and by an option; a bad one names its option.
public enum CommandLineValue {
    /// A vocabulary value in English or Chinese.
    public static func word<V: Vocabulary>(_ type: V.Type, _ text: String) throws -> V {
        do { return try V(parsing: text) } catch { throw ValidationError("\(error)") }
    }

    /// A day: the forms files take (2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日); nil for no text.
    public static func day(_ text: String?, _ option: String) throws -> CivilDate? {
        guard let text else { return nil }
        do {
            let date = try CSVField(line: 0, column: option, text: text).date()
            return try CivilDate(year: date.year, month: date.month, day: date.day)
        } catch let issue as ImportIssue {
            throw ValidationError("\(option) \(text): \(issue.reason)")
        } catch {
            throw ValidationError("\(option): \(error)")
        }
    }
}
