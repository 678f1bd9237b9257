import ArgumentParser
import Disclosure
import Foundation
import GovregCommandLine
import Registry
import RegistryStore

/// `govreg report …`: the quarterly report (季度汇报), counted from the lists, closed as an
/// immutable snapshot, corrected by new versions, published, and chased when due.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The quarterly report (季度汇报): count, close, correct, publish, and what is due.",
        subcommands: [Quarterly.self, Close.self, Publish.self, Versions.self, Due.self])

    struct Quarterly: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A district's report for a quarter, counted now or, with --closed or --version, as it was closed.")
        @OptionGroup var scope: TenantScope
        @Option(help: "The quarter, e.g. 2026Q3.") var quarter: String
        @Option(help: "html, md, csv or json.") var format = "md"
        @Option(help: "Write to this file instead of standard output.") var out: String?
        @Flag(help: "The latest closed version instead of a count of the lists now.") var closed = false
        @Option(help: "A closed version.") var version: Int?

        func validate() throws {
            guard QuarterlyReport.formats.contains(format) else {
                throw ValidationError("--format: html, md, csv or json, not '\(format)'")
            }
        }

        func run() async throws {
            let quarter = try ReportCommand.quarter(quarter)
            let text = try await scope.run { registry, tenant in
                if closed || version != nil {
                    return try await QuarterlyReportArchive(database: registry).document(
                        quarter, version: version, format: format, tenant: tenant, actor: commandLineActor)
                }
                let report = try await QuarterlyReport.read(quarter: quarter, tenant: tenant, database: registry, actor: commandLineActor)
                guard let document = try report.documents()[format] else { throw ValidationError("--format \(format)") }
                return document
            }
            if let out {
                do { try Data(text.utf8).write(to: URL(filePath: out), options: .atomic) } catch {
                    throw ValidationError("--out: cannot write \(out): \(error.localizedDescription)")
                }
                Terminal().print("已写入 written: \(out)")
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
        }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Freeze a quarter's report as an immutable snapshot; again with --correction for a corrected version.")
        @OptionGroup var scope: TenantScope
        @Option(help: "The quarter, e.g. 2026Q3.") var quarter: String
        @Option(help: "Why this version corrects the last one.") var correction: String?
        @Flag(help: "Print as JSON.") var json = false

        func run() async throws {
            let quarter = try ReportCommand.quarter(quarter)
            let terminal = Terminal()
            let (entry, zone) = try await scope.run(terminal: terminal) { registry, tenant in
                (try await QuarterlyReportArchive(database: registry).close(
                    quarter, correction: correction, tenant: tenant, actor: commandLineActor), try await TenantScope.timeZone(of: tenant, registry))
            }
            if json { return try terminal.json(entry) }
            ReportCommand.print([entry], terminal.showingTimes(in: zone))
        }
    }

    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Publish a closed report (the latest version, or --version) on the public site.")
        @OptionGroup var scope: TenantScope
        @Option(help: "The quarter, e.g. 2026Q3.") var quarter: String
        @Option(help: "A closed version; the latest without it.") var version: Int?
        @Flag(help: "Print as JSON.") var json = false

        func run() async throws {
            let quarter = try ReportCommand.quarter(quarter)
            let terminal = Terminal()
            let (entry, zone) = try await scope.run(terminal: terminal) { registry, tenant in
                (try await QuarterlyReportArchive(database: registry).publish(quarter, version: version, tenant: tenant, actor: commandLineActor),
                 try await TenantScope.timeZone(of: tenant, registry))
            }
            if json { return try terminal.json(entry) }
            ReportCommand.print([entry], terminal.showingTimes(in: zone))
        }
    }

    struct Versions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The closed versions of a district's reports, with their digests.")
        @OptionGroup var scope: TenantScope
        @Option(help: "Only this quarter.") var quarter: String?
        @Flag(help: "Print as JSON.") var json = false

        func run() async throws {
            let quarter = try self.quarter.map(ReportCommand.quarter)
            let terminal = Terminal()
            let (entries, zone) = try await scope.run(terminal: terminal) { registry, tenant in
                (try await QuarterlyReportArchive(database: registry).entries(quarter: quarter, tenant: tenant, actor: commandLineActor),
                 try await TenantScope.timeZone(of: tenant, registry))
            }
            if json { return try terminal.json(entries) }
            ReportCommand.print(entries, terminal.showingTimes(in: zone))
        }
    }

    struct Due: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Districts whose last ended quarter is not yet closed or not yet published, with the deadline (the 20th of the next month).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @Option(help: "Count as if today were this day (YYYY-MM-DD).") var today: String?
        @Flag(help: "Print as JSON.") var json = false

        func run() async throws {
            let day = try today.map { try CommandLineValue.day($0, "--today")! } ?? CivilDate.todayInChina()
            let terminal = Terminal()
            let due = try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
                try await ReportDue.list(today: day, database: registry, actor: commandLineActor)
            }
            if json { return try terminal.json(due) }
            if due.isEmpty { return terminal.print("没有待办 nothing due: every district has published \(Quarter(containing: day).previous)") }
            terminal.table(
                headers: ["区县 district", "季度 quarter", "状态 state", "期限 deadline", "逾期 overdue"],
                rows: due.map { [$0.tenant, $0.quarter.description, $0.state, $0.deadline.description, $0.overdue ? "逾期 overdue" : ""] })
        }
    }

    static func quarter(_ text: String) throws -> Quarter {
        do { return try Quarter(text) } catch { throw ValidationError("--quarter: \(error)") }
    }


    static func print(_ entries: [QuarterlyReportArchive.Entry], _ terminal: Terminal) {
        terminal.table(
            headers: ["季度 quarter", "版本 version", "更正 corrects", "封存 closed", "公示 published", "SHA-256 (html)"],
            rows: entries.map { e in
                [e.quarter.description, String(e.version),
                 e.replacesVersion.map { "v\($0): \(e.correctionReason ?? "")" } ?? "",
                 "\(terminal.moment(e.closedAt)) \(e.closedBy)", e.publishedAt.map(terminal.moment) ?? "未公示 not yet",
                 e.documents["html"] ?? ""]
            })
    }
}
