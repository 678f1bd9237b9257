import ArgumentParser
import Foundation
import GovregCommandLine
import Registry
import RegistryStore

/// `govreg tenant …`: the districts sharing this database (operators only).
struct TenantCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tenant",
        abstract: "区县 Tenants: the districts sharing this database.",
        subcommands: [Create.self, List.self, Show.self, Set.self, Archive.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a district.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @Argument(help: "Short name used in commands and URLs, e.g. langao.") var slug: String
        @Option(help: "The district's name, e.g. 岚皋县.") var name: String
        @Option(name: .customLong("division-code"), help: "GB/T 2260 six-digit code, e.g. 610925.") var divisionCode: String
        @Flag(help: "Print the result as JSON.") var json = false

        func validate() throws {
            do {
                _ = try TenantSlug(slug)
                _ = try DivisionCode(divisionCode)
            } catch let error as RegistryError {
                throw ValidationError("\(error)")
            }
        }

        func run() async throws {
            let terminal = Terminal()
            try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
                let tenant = try await TenantStore(database: registry).create(
                    slug: try TenantSlug(slug), name: name, divisionCode: try DivisionCode(divisionCode))
                if json { try terminal.json(tenant) } else { TenantCommand.print([tenant], on: terminal) }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List districts.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @Flag(help: "Leave out archived districts.") var activeOnly = false
        @Flag(help: "Print the result as JSON.") var json = false

        func run() async throws {
            let terminal = Terminal()
            try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
                let tenants = try await TenantStore(database: registry).list(includeArchived: !activeOnly)
                if json { try terminal.json(tenants) } else { TenantCommand.print(tenants, on: terminal) }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one district (by slug, division code or id).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @Argument(help: "Slug, division code or id.") var tenant: String
        @Flag(help: "Print the result as JSON.") var json = false

        func run() async throws {
            let terminal = Terminal()
            try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
                let found = try await TenantStore(database: registry).find(tenant)
                if json { try terminal.json(found) } else { TenantCommand.print([found], on: terminal) }
            }
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "设置 Change a district's settings: its time zone, and whether an accepted run's projects follow their demands' disclosure.",
            discussion: "Example: govreg tenant set langao --time-zone Asia/Urumqi --projects-follow-disclosure no")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @Argument(help: "Slug, division code or id.") var tenant: String
        @Option(help: "时区 The time zone the district's days begin and end in, and its times are shown in: \(TenantSettings.timeZones.joined(separator: ", ")) (default Asia/Shanghai).")
        var timeZone: String?
        @Option(help: "项目随需求公示 yes or no (是/否): are an accepted run's projects disclosed when their demand is?")
        var projectsFollowDisclosure: String?
        @Flag(help: "Print the result as JSON.") var json = false

        func validate() throws {
            guard timeZone != nil || projectsFollowDisclosure != nil else {
                throw ValidationError("请至少给出一项设置 give at least one setting: --time-zone or --projects-follow-disclosure")
            }
            do { _ = try timeZone.map(TenantSettings.timeZone) } catch { throw ValidationError("--time-zone: \(error.message)") }
            _ = try follows()
        }

        private func follows() throws -> Bool? {
            guard let text = projectsFollowDisclosure else { return nil }
            switch text.lowercased() {
            case "yes", "true", "是": return true
            case "no", "false", "否": return false
            default: throw ValidationError("--projects-follow-disclosure: yes or no (是/否), not '\(text)'")
            }
        }

        func run() async throws {
            let terminal = Terminal()
            try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
                let changed = try await TenantStore(database: registry).update(
                    tenant, timeZone: timeZone, projectsFollowDisclosure: try follows())
                if json { try terminal.json(changed) } else { TenantCommand.print([changed], on: terminal) }
            }
        }
    }

    struct Archive: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Archive a district: every row is kept, the district becomes read-only.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @Argument(help: "Slug, division code or id.") var tenant: String
        @Flag(help: "Print the result as JSON.") var json = false

        func run() async throws {
            let terminal = Terminal()
            try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
                let archived = try await TenantStore(database: registry).archive(tenant)
                if json { try terminal.json(archived) } else { TenantCommand.print([archived], on: terminal) }
            }
        }
    }

    static func print(_ tenants: [Tenant], on terminal: Terminal) {
        terminal.table(
            headers: ["代号 slug", "名称 name", "区划代码 division", "状态 status", "时区 time zone", "项目随需求公示 projects follow", "创建 created"],
            rows: tenants.map { tenant in
                [tenant.slug.rawValue, tenant.name, tenant.divisionCode.rawValue,
                 "\(tenant.status.chineseName) \(tenant.status.rawValue)", tenant.settings.timeZone,
                 tenant.settings.projectsFollowDisclosure ? "是 yes" : "否 no",
                 tenant.createdAt.map { Moment.text($0, in: tenant.settings.timeZone) } ?? ""]
            })
    }
}
