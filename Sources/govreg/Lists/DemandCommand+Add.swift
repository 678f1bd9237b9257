import ArgumentParser
import Foundation
import GovregCommandLine
import Registry
import RegistryImport
import RegistryStore

extension DemandCommand {
    /// `govreg demand add --title … --category … --org-code … --quantity … --measure-unit …`:
    /// one demand from the command line, its values read as a line of the demand file is
    /// (``DemandFile/record(_:channels:)``) and filed as the API files one.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "登记一条需求 File one demand; values are read as the demand file's are.",
            discussion: """
                Dates as 2027-02-03, 2027/2/3 or 2027年2月3日; yuan as 30000, 30,000.00 or ¥30,000.00; \
                categories, units and channels by code or Chinese name (govreg category list). It is filed \
                as submitted (已提交), or as a draft with --draft, and numbered GR-D<n> when no --external-id \
                is given. Every problem is named by its option, all at once; nothing is saved then. \
                Example: govreg demand add --title 楼道灯不亮 --category 房屋修缮 --org-code G11 --quantity 1 --measure-unit 项 --due-on 2027/2/3
                """)
        @OptionGroup var scope: TenantScope
        @Option(help: "需求名称 A short title (required).") var title: String?
        @Option(help: "需求描述 The longer description.") var description: String?
        @Option(help: "类别 The category: code or the district's Chinese name (required).") var category: String?
        @Option(help: "所在组织编码 The code of the org unit where the need arises (required).") var orgCode: String?
        @Option(help: "数量 How much, in the measure unit: yuan as ¥30,000.00 or 30000 (required).") var quantity: String?
        @Option(help: "计量单位 The measure unit: yuan/元, items/件, volunteer_hours/志愿服务小时 … (required).") var measureUnit: String?
        @Option(help: "来源渠道 How it came in: grid_report/网格上报 …; other (其他) when not given.") var sourceChannel: String?
        @Option(help: "优先级 1 (low) to 5 (urgent); 3 when not given.") var priority: String?
        @Option(help: "受益人数 How many residents benefit.") var beneficiaries: String?
        @Option(help: "期限 When it should be met (not before it was raised).") var dueOn: String?
        @Option(help: "提出日期 When it was raised (not after today; today when not given).") var filedOn: String?
        @Option(help: "需求编号 The district's own id (default GR-D<number>).") var externalID: String?
        @Flag(help: "是否公示 Disclose it on the public list.") var `public` = false
        @Option(help: "公示日期 The day it is disclosed.") var publishedOn: String?
        @Flag(help: "Keep it as a draft (草稿) instead of submitting it.") var draft = false
        @Flag(help: "Print the demand as JSON (as the API answers it).") var json = false

        /// Each field's option, in the order of the help.
        static let options: [(field: String, option: String)] = {
            typealias Field = DemandDraft.Field
            return [
                (Field.title, "--title"), (Field.description, "--description"), (Field.category, "--category"),
                (Field.orgCode, "--org-code"), (Field.quantity, "--quantity"), (Field.measureUnit, "--measure-unit"),
                (Field.sourceChannel, "--source-channel"), (Field.priority, "--priority"), (Field.beneficiaries, "--beneficiaries"),
                (Field.dueOn, "--due-on"), (Field.filedOn, "--filed-on"), (Field.externalID, "--external-id"),
                (Field.isPublic, "--public"), (Field.publishedOn, "--published-on"),
            ].map { ($0.0.name, $0.1) }
        }()

        /// The fields a person must give: those required at any door but the external id,
        /// which the store makes when none is given.
        static let required = DemandDraft.Field.all.filter { !$0.requiredIn.isEmpty && $0 != DemandDraft.Field.externalID }

        /// What was given, by field name (``DemandDraft/Field``).
        var values: [String: String] {
            typealias Field = DemandDraft.Field
            let given: [(FieldDeclaration, String?)] = [
                (Field.title, title), (Field.description, description), (Field.category, category), (Field.orgCode, orgCode),
                (Field.quantity, quantity), (Field.measureUnit, measureUnit), (Field.sourceChannel, sourceChannel),
                (Field.priority, priority), (Field.beneficiaries, beneficiaries), (Field.dueOn, dueOn), (Field.filedOn, filedOn),
                (Field.externalID, externalID), (Field.isPublic, `public` ? "yes" : nil), (Field.publishedOn, publishedOn),
            ]
            return RecordRefusal.values(given)
        }

        func validate() throws {
            try RecordRefusal.refuseNothingGiven(values, required: Self.required, options: Self.options)
        }

        func run() async throws {
            let terminal = Terminal()
            let values = values
            try await scope.run(terminal: terminal) { registry, tenant in
                let detail = try await RecordRefusal.reporting(options: Self.options, values: values, json: json, on: terminal) {
                    let read = DemandFile.record(values, channels: registry.modules.sourceChannels)
                    return try await registry.withTenant(tenant, actor: commandLineActor) { tx in
                        var refusal = RecordRefusal(options: Self.options)
                        refusal.add(read.issues)
                        refusal.addMissing(Self.required, given: values)
                        refusal.add(try await DemandStore.referenceProblems(category: category, orgCode: orgCode, externalID: externalID, in: tx))
                        guard refusal.isEmpty, let demand = read.draft else { throw refusal }
                        let id = try await DemandStore.file(demand, submit: !draft, in: tx)
                        return try await DemandStore.get(id, in: tx)
                    }
                }
                if json { return try terminal.json(detail) }
                let demand = detail.demand
                terminal.print("已登记需求 filed demand #\(demand.id) \(demand.externalID ?? "") \(demand.title) — "
                    + "\(detail.categoryName) \(detail.orgName) \(demand.quantity.unit.chineseText(demand.quantity.amount)), "
                    + "\(demand.state.chineseName) \(demand.state.rawValue)")
            }
        }
    }
}
