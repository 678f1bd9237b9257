import ArgumentParser
import Foundation
import GovregCommandLine
import ImportIssues
import Registry
import RegistryStore

/// The problems of one record given on the command line (`demand add`, `resource add`,
/// `category add|rename`), all at once and each named by the option that gave the value
/// (`--due-on`), not by the field names the API and the files use.
struct RecordRefusal: Error {
    struct Problem: Encodable {
        var option: String
        var field: String?
        var value: String?
        var reason: String
    }

    /// Each field's option, in the order the command's help lists them.
    let options: [(field: String, option: String)]
    private(set) var problems: [Problem] = []

    init(options: [(field: String, option: String)]) {
        self.options = options
    }

    var isEmpty: Bool { problems.isEmpty }

    /// The option of `field`; the field's own name when no option gives it.
    func option(_ field: String?) -> String {
        guard let field else { return "" }
        return options.first { $0.field == field }?.option ?? field
    }

    /// A file reader's problems of the record (the field's name is the issue's column).
    mutating func add(_ issues: IssueList) {
        problems += issues.issues.map { issue in
            Problem(option: option(issue.column), field: issue.column, value: issue.value.flatMap { $0.isEmpty ? nil : $0 }, reason: issue.reason)
        }
    }

    /// A draft's or a store's problems of the record.
    mutating func add(_ found: [FieldProblem]) {
        problems += found.map { Problem(option: option($0.field), field: $0.field, value: $0.value, reason: $0.reason) }
    }

    /// "Required" for each of `fields` that `values` lacks and no problem names yet: a file
    /// reader leaves a quantity unread when its unit is missing, but a person typing the
    /// command wants to hear of both at once.
    mutating func addMissing(_ fields: [FieldDeclaration], given values: [String: String]) {
        for field in fields where values[field.name] == nil && !problems.contains(where: { $0.field == field.name }) {
            problems.append(Problem(option: option(field.name), field: field.name, value: nil, reason: field.missing.reason))
        }
    }

    /// Refuses a command given none of a record's values, naming the ones it needs, before
    /// any work.
    /// The options given, by field name: what `DemandFile.record` and `ResourceFile.record`
    /// read as one row of their file.
    static func values(_ given: [(FieldDeclaration, String?)]) -> [String: String] {
        Dictionary(given.compactMap { field, value in value.map { (field.name, $0) } }) { first, _ in first }
    }

    static func refuseNothingGiven(_ values: [String: String], required: [FieldDeclaration], options: [(field: String, option: String)]) throws {
        guard values.isEmpty else { return }
        let needed = required.map { field in options.first { $0.field == field.name }?.option ?? field.name }
        throw ValidationError("没有给出任何值 no values given; 必填 required: \(needed.joined(separator: ", "))")
    }

    /// The problems in the order of the options, then any not tied to one.
    var ordered: [Problem] {
        let order = Dictionary(options.enumerated().map { ($0.element.field, $0.offset) }) { first, _ in first }
        return problems.enumerated().sorted {
            (order[$0.element.field ?? ""] ?? .max, $0.offset) < (order[$1.element.field ?? ""] ?? .max, $1.offset)
        }.map(\.element)
    }

    /// Runs `body`; a refused record (this, a draft's ``InvalidFields``, a store's "not
    /// found" for a value an option gave) is listed on stderr (as JSON on stdout with
    /// `json`), and the command exits with status 1, nothing saved.
    static func reporting<T>(
        options: [(field: String, option: String)], values: [String: String], json: Bool, on terminal: Terminal,
        _ body: () async throws -> T
    ) async throws -> T {
        var refusal: RecordRefusal
        do {
            return try await body()
        } catch let caught as RecordRefusal {
            refusal = caught
        } catch let invalid as InvalidFields {
            refusal = RecordRefusal(options: options)
            refusal.add(invalid.problems)
        } catch RegistryStoreError.notFound(let kind, let key) where values.contains(where: { $0.value == key }) {
            // Someone removed what the checks found a moment ago, or a rename names an unknown code.
            refusal = RecordRefusal(options: options)
            let field = values.first { $0.value == key }?.key
            refusal.problems.append(Problem(option: refusal.option(field), field: field, value: key, reason: "找不到 not found: \(kind)"))
        }
        try refusal.report(json: json, on: terminal)
    }

    /// Prints the problems, then exits 1.
    func report(json: Bool, on terminal: Terminal) throws -> Never {
        struct Rejection: Encodable {
            var rejected = true
            var problems: [Problem]
        }
        let problems = ordered
        if json {
            try terminal.json(Rejection(problems: problems))
        } else {
            terminal.warn("未保存 nothing was saved: \(problems.count) 个问题 problem(s)")
            for problem in problems {
                let value = problem.value.map { " \"\($0)\"" } ?? ""
                terminal.warn("  " + (problem.option.isEmpty ? "" : "\(problem.option)\(value): ") + problem.reason)
            }
        }
        throw ExitCode(1)
    }
}
