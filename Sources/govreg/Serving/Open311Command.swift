import ArgumentParser
import Foundation
import GovregCommandLine
import RegistryStore

/// `govreg open311 client …`: the client applications (a residents' reporting app, a
/// hotline's system) admitted to the district's Open311 endpoint, `/open311/{tenant}/v2/`.
struct Open311Command: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open311",
        abstract: "网上报事 Open311 GeoReport v2: the client applications that may file requests (docs/open311.md).",
        subcommands: [Client.self]
    )

    struct Client: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open311 应用 Client applications and their api_key: issue, list, revoke.",
            subcommands: [Issue.self, List.self, Revoke.self]
        )
    }

    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "签发 Issue an api_key for a client application; the key is printed this once and stored only as a hash.",
            discussion: "Example: govreg open311 client issue --name 岚皋随手拍 --tenant langao")
        @OptionGroup var scope: TenantScope
        @Option(help: "应用名称 What the district calls the application (1–100 characters).") var name: String
        @Flag(help: "Print the client and its key as JSON.") var json = false

        func run() async throws {
            let terminal = Terminal()
            try await scope.run(terminal: terminal) { registry, tenant in
                let issued = try await registry.withTenant(tenant, actor: commandLineActor) { tx in
                    try await Open311ClientStore.issue(name: name, in: tx)
                }
                if json { return try terminal.json(issued) }
                terminal.print("已签发 issued: #\(issued.client.id) \(issued.client.name)")
                terminal.print("api_key（只显示这一次 shown this once）: \(issued.apiKey)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the district's client applications (never their keys).")
        @OptionGroup var scope: TenantScope
        @Flag(help: "Print the list as JSON.") var json = false

        func run() async throws {
            let terminal = Terminal()
            try await scope.run(terminal: terminal) { registry, tenant in
                let clients = try await registry.withTenant(tenant, actor: commandLineActor, readOnly: true) { tx in
                    try await Open311ClientStore.list(in: tx)
                }
                if json { return try terminal.json(["items": clients]) }
                let time = { (date: Date?) in date.map { $0.formatted(.iso8601) } ?? "" }
                terminal.table(
                    headers: ["编号 id", "名称 name", "密钥前缀 prefix", "签发 issued", "吊销 revoked", "最近使用 last used"],
                    rows: clients.map { [String($0.id), $0.name, $0.prefix, time($0.createdAt), time($0.revokedAt), time($0.lastUsedAt)] })
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "吊销 Revoke a client's api_key: its requests are refused from now on; what it filed stays.",
            discussion: "Example: govreg open311 client revoke 3 --tenant langao")
        @OptionGroup var scope: TenantScope
        @Argument(help: "应用编号 The client's id (govreg open311 client list).") var id: Int64
        @Flag(help: "Print the client as JSON.") var json = false

        func run() async throws {
            let terminal = Terminal()
            try await scope.run(terminal: terminal) { registry, tenant in
                let client = try await registry.withTenant(tenant, actor: commandLineActor) { tx in
                    try await Open311ClientStore.revoke(id, in: tx)
                }
                if json { return try terminal.json(client) }
                terminal.print("已吊销 revoked: #\(client.id) \(client.name)")
            }
        }
    }
}
