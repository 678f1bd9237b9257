import ArgumentParser
import Foundation
import GovregCommandLine
import Registry
import RegistryImport
import RegistryStore

extension ResourceCommand {
    /// `govreg resource add --unit … --title … --category … --kind … --capacity … --measure-unit …`:
    /// one resource from the command line, its values read as a line of the resource file is
    /// (``ResourceFile/record(_:)``) and registered as the API registers one: the capacity is
    /// its first pledge.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "登记一项资源 Register one resource and its first pledge; values are read as the resource file's are.",
            discussion: """
                Dates as 2027-02-03, 2027/2/3 or 2027年2月3日; yuan as 30000, 30,000.00 or ¥30,000.00; \
                categories, kinds and units by code or Chinese name. It is available at once, or offered \
                (已申报, to be confirmed) with --offered, and numbered GR-R<n> when no --external-id is given. \
                Every problem is named by its option, all at once; nothing is saved then. \
                Example: govreg resource add --unit U1 --title 助学资金 --category 教育培训 --kind 资金 --capacity ¥30,000.00 --measure-unit 元 --available-until 2027/2/3
                """)
        @OptionGroup var scope: TenantScope
        @Option(help: "单位编号 The pledging unit's code (required).") var unit: String?
        @Option(help: "资源名称 What is offered (required).") var title: String?
        @Option(help: "资源描述 The longer description.") var description: String?
        @Option(help: "类别 The category: code or the district's Chinese name (required).") var category: String?
        @Option(help: "资源类型 The kind: funds/资金, volunteer_hours/志愿服务时长, venue/场地, materials/物资 … (required).") var kind: String?
        @Option(help: "数量 What is pledged, in the measure unit: yuan as ¥30,000.00 or 30000 (required).") var capacity: String?
        @Option(help: "计量单位 The measure unit: yuan/元, items/件, volunteer_hours/志愿服务小时 … (required).") var measureUnit: String?
        @Option(help: "单价 Its own cost per unit, in yuan.") var unitCost: String?
        @Option(help: "服务范围 An org code it may serve; repeat, or separate by ;. Default: its unit's communities.") var serviceArea: [String] = []
        @Option(help: "开始日期 The first day it can be used.") var availableFrom: String?
        @Option(help: "结束日期 The last day it can be used.") var availableUntil: String?
        @Option(help: "资源编号 The district's own id (default GR-R<number>).") var externalID: String?
        @Flag(help: "已申报 Declared but not yet confirmed (govreg resource confirm makes it available).") var offered = false
        @Flag(help: "是否公示 Disclose it on the public list.") var `public` = false
        @Option(help: "公示日期 The day it is disclosed.") var publishedOn: String?
        @Flag(help: "Print the resource as JSON (as the API answers it).") var json = false

        /// Each field's option, in the order of the help.
        static let options: [(field: String, option: String)] = {
            typealias Field = ResourceDraft.Field
            return [
                (Field.unit, "--unit"), (Field.title, "--title"), (Field.description, "--description"), (Field.category, "--category"),
                (Field.kind, "--kind"), (Field.capacity, "--capacity"), (Field.measureUnit, "--measure-unit"), (Field.unitCost, "--unit-cost"),
                (Field.serviceArea, "--service-area"), (Field.availableFrom, "--available-from"), (Field.availableUntil, "--available-until"),
                (Field.externalID, "--external-id"), (Field.status, "--offered"), (Field.isPublic, "--public"), (Field.publishedOn, "--published-on"),
            ].map { ($0.0.name, $0.1) }
        }()

        /// The fields a person must give: those required at any door but the external id,
        /// which the store makes when none is given.
        static let required = ResourceDraft.Field.all.filter { !$0.requiredIn.isEmpty && $0 != ResourceDraft.Field.externalID }

        /// What was given, by field name (``ResourceDraft/Field``).
        var values: [String: String] {
            typealias Field = ResourceDraft.Field
            let given: [(FieldDeclaration, String?)] = [
                (Field.unit, unit), (Field.title, title), (Field.description, description), (Field.category, category), (Field.kind, kind),
                (Field.capacity, capacity), (Field.measureUnit, measureUnit), (Field.unitCost, unitCost),
                (Field.serviceArea, serviceArea.isEmpty ? nil : serviceArea.joined(separator: ";")),
                (Field.availableFrom, availableFrom), (Field.availableUntil, availableUntil), (Field.externalID, externalID),
                (Field.status, offered ? ResourceStatus.offered.rawValue : nil), (Field.isPublic, `public` ? "yes" : nil),
                (Field.publishedOn, publishedOn),
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
                    let read = ResourceFile.record(values)
                    return try await registry.withTenant(tenant, actor: commandLineActor) { tx in
                        var refusal = RecordRefusal(options: Self.options)
                        refusal.add(read.issues)
                        refusal.addMissing(Self.required, given: values)
                        refusal.add(try await ResourceStore.referenceProblems(
                            unit: unit, category: category,
                            serviceArea: ImportFile.codes(in: serviceArea.joined(separator: ";")),
                            externalID: externalID, in: tx))
                        guard refusal.isEmpty, let row = read.row else { throw refusal }
                        return try await ResourceStore.create(row, in: tx)
                    }
                }
                if json { return try terminal.json(detail) }
                let resource = detail.resource
                terminal.print("已登记资源 registered resource #\(resource.id) \(resource.externalID ?? "") \(resource.title) — "
                    + "\(resource.unitName), \(resource.measureUnit.chineseText(resource.pledged)), "
                    + "\(resource.status.chineseName) \(resource.status.rawValue)")
            }
        }
    }
}
