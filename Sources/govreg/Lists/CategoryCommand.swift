import ArgumentParser
import Foundation
import GovregCommandLine
import Registry
import RegistryStore

/// `govreg category …`: the district's category vocabulary (类别: 道路交通 roads …), which
/// demands and resources name by code or Chinese name. Each district starts with a copy of
/// the default vocabulary and may add to it or rename its copy.
struct CategoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "category",
        abstract: "类别 The district's categories: list (with how many demands and resources use each), add, rename.",
        subcommands: [List.self, Add.self, Rename.self]
    )

    /// Each field's option (the code is the argument).
    static let options: [(field: String, option: String)] = [
        (CategoryDraft.Field.code.name, "CODE"), (CategoryDraft.Field.nameZh.name, "--name"), (CategoryDraft.Field.nameEn.name, "--english"),
    ]

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the district's categories, with how many demands and resources use each.")
        @OptionGroup var scope: TenantScope
        @Flag(help: "Print the list as JSON.") var json = false

        func run() async throws {
            let terminal = Terminal()
            try await scope.run(terminal: terminal) { registry, tenant in
                let categories = try await registry.withTenant(tenant, actor: commandLineActor, readOnly: true) { tx in
                    try await CategoryStore.usage(in: tx)
                }
                if json { return try terminal.json(["items": categories]) }
                terminal.table(
                    headers: ["编码 code", "名称 name", "英文 English", "需求 demands", "资源 resources"],
                    rows: categories.map { used in
                        let category = used.category
                        return [category.code, category.nameZh + (category.hidden ? " (隐藏 hidden)" : ""), category.nameEn,
                                String(used.demands), String(used.resources)]
                    })
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a category of the district's own.",
            discussion: """
                The code is fixed once made; files and commands may name the category by its code or either name, \
                so none may be another category's. Example: govreg category add night_patrol --name 夜间巡逻 --english "Night patrol"
                """)
        @OptionGroup var scope: TenantScope
        @Argument(help: "类别编码 The code: a lower-case letter, then lower-case letters, digits or _ (2–40), e.g. night_patrol.") var code: String
        @Option(help: "类别名称 The Chinese name, e.g. 夜间巡逻.") var name: String
        @Option(help: "英文名称 The English name (default: from the code, night_patrol → Night patrol).") var english: String?
        @Flag(help: "Print the category as JSON.") var json = false

        func run() async throws {
            let draft = CategoryDraft(code: code, chineseName: name, englishName: english)
            try await CategoryCommand.save(draft, scope: scope, json: json, done: "已添加类别 category added") { tx in
                try await CategoryStore.add(draft, in: tx)
            }
        }
    }

    struct Rename: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rename a category: demands and resources keep it; from now on files and commands name it by the new name.",
            discussion: "Example: govreg category rename roads --name 道路交通设施")
        @OptionGroup var scope: TenantScope
        @Argument(help: "类别编码 The category's code (govreg category list).") var code: String
        @Option(help: "新名称 The new Chinese name.") var name: String
        @Option(help: "英文名称 A new English name (default: unchanged).") var english: String?
        @Flag(help: "Print the category as JSON.") var json = false

        func run() async throws {
            let draft = CategoryDraft(code: code, chineseName: name, englishName: english)
            try await CategoryCommand.save(draft, scope: scope, json: json, done: "已改名 category renamed") { tx in
                try await CategoryStore.rename(draft, in: tx)
            }
        }
    }

    /// Runs `change` in a write transaction of the district and prints the category it
    /// returns; a refused change lists every problem by its option and exits 1.
    static func save(
        _ draft: CategoryDraft, scope: TenantScope, json: Bool, done: String,
        _ change: (TenantTransaction) async throws -> CategoryRecord
    ) async throws {
        let terminal = Terminal()
        let values = [CategoryDraft.Field.code.name: draft.code, CategoryDraft.Field.nameZh.name: draft.chineseName]
        try await scope.run(terminal: terminal) { registry, tenant in
            let category = try await RecordRefusal.reporting(options: options, values: values, json: json, on: terminal) {
                try await registry.withTenant(tenant, actor: commandLineActor) { tx in try await change(tx) }
            }
            if json { return try terminal.json(category) }
            terminal.print("\(done): \(category.code) \(category.nameZh) \(category.nameEn)")
        }
    }
}
