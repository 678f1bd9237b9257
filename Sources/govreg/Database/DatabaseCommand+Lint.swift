import ArgumentParser
import Distribution
import GovregCommandLine
import Postgres

extension DatabaseCommand {
    /// `govreg db lint --citus`: the schema checked against the rules of a distributed deployment.
    struct Lint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the database's schema against a rule set (exit 1 if a rule is broken, 2 if it has no govreg schema).",
            discussion: """
                Rule sets: \(LintRuleSet.allCases.map(\.summary).joined(separator: "; ")).
                Reads the catalogue only and changes nothing; plain PostgreSQL is enough (Citus need not be installed).
                Not covered: \(CitusLint.limits.joined(separator: " "))
                """)
        @OptionGroup var database: DatabaseOptions
        @Flag(help: "The rules of a schema distributed by tenant_id on Citus.")
        var citus = false
        @Flag(help: "Print the findings as JSON.")
        var json = false

        func validate() throws {
            guard citus else {
                throw ValidationError("choose a rule set 请选择规则集: " + LintRuleSet.allCases.map(\.summary).joined(separator: "; "))
            }
        }

        func run() async throws {
            let terminal = Terminal()
            let findings: [LintFinding]
            do {
                findings = try await Connection.with(try database.connectionConfiguration(terminal: terminal)) { try await CitusLint.findings($0) }
            } catch let error as LintError {
                // Exit 2, not 1: "could not judge" must not read as "found faults" in a script.
                terminal.warn("Error: \(error)")
                throw ExitCode(2)
            }
            if json {
                try terminal.json(LintJSON(ruleSet: LintRuleSet.citus.rawValue, clean: findings.isEmpty, findings: findings.map(LintJSON.Finding.init)))
            } else if findings.isEmpty {
                terminal.print("检查 lint --citus: no findings 无问题 — the schema can be distributed by tenant_id.")
            } else {
                terminal.table(
                    headers: ["规则 rule", "对象 object", "约束 constraint", "说明 detail"],
                    rows: findings.map { [$0.rule.rawValue, $0.object, $0.constraint ?? "", $0.detail] })
                terminal.print("")
                let rules = LintRule.allCases.filter { rule in findings.contains { $0.rule == rule } }
                for rule in rules { terminal.print("\(rule.rawValue): \(rule.text)") }
                terminal.print("")
                terminal.print("检查 lint --citus: \(findings.count) findings 个问题 on \(Set(findings.map(\.object)).count) objects, \(rules.count) rules broken.")
            }
            if !findings.isEmpty { throw ExitCode(1) }
        }
    }
}

/// `db lint --json`: `{"rule_set": "citus", "clean": false, "findings": [{"rule": …, "kind": "table", "object": …, "constraint": …, "detail": …, "rule_text": …}]}`.
private struct LintJSON: Encodable {
    var ruleSet: String
    var clean: Bool
    var findings: [Finding]

    struct Finding: Encodable {
        var rule: String
        var kind: String
        var object: String
        var constraint: String?
        var detail: String
        var ruleText: String

        init(_ finding: LintFinding) {
            rule = finding.rule.rawValue
            kind = finding.kind.rawValue
            object = finding.object
            constraint = finding.constraint
            detail = finding.detail
            ruleText = finding.rule.text
        }
    }
}
