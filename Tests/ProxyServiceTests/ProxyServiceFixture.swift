import Foundation
import GovregTestSupport
import Postgres
import ProxyService
import Registry
import RegistryStore

/// A district with a town, two villages and a grid, the proxy_service module shipped (and,
/// unless `enabled` is false, enabled with a catalogue of three items).
struct ProxyServiceFixture {
    let database: RegistryDatabase
    let tenant: UUID
    let actor = "test:agent"

    static let catalogue = [
        ServiceItemRow(line: 2, code: "GH-T001", name: "城乡居民养老保险参保登记", level: "镇级", department: "县人力资源和社会保障局",
                       deadlineDays: "5", deadlineKind: "工作日", documents: "身份证；户口簿"),
        ServiceItemRow(line: 3, code: "GH-T002", name: "残疾人证办理", level: "town", department: "县残疾人联合会",
                       deadlineDays: "20", deadlineKind: "working", documents: "身份证；户口簿；近期一寸照片；医院诊断证明"),
        ServiceItemRow(line: 4, code: "GH-V001", name: "居住证明开具", level: "村级", department: "村民委员会",
                       deadlineDays: "3", deadlineKind: "自然日", documents: "身份证"),
    ]

    static func make(_ configuration: ConnectionConfiguration, slug: String = "langao", code: String = "610925", enabled: Bool = true) async throws -> ProxyServiceFixture {
        let database = RegistryDatabase(configuration: configuration, modules: try ModuleCatalogue([ProxyServiceModule()]))
        let tenant = try await TenantStore(database: database).create(slug: try TenantSlug(slug), name: slug, divisionCode: try DivisionCode(code)).id
        let f = ProxyServiceFixture(database: database, tenant: tenant)
        _ = try await OrgUnitStore.importRows([
            OrgUnitImportRow(line: 2, code: "T02", name: "高湖镇", kind: .town, parentCode: nil),
            OrgUnitImportRow(line: 3, code: "V01", name: "中港村", kind: .village, parentCode: "T02"),
            OrgUnitImportRow(line: 4, code: "V02", name: "高湖村", kind: .village, parentCode: "T02"),
        ], on: database, tenant: tenant, actor: f.actor)
        if enabled {
            try await f.write { tx in try await ModuleStore.enable(ProxyServiceModule.moduleID, in: tx) }
            _ = try await f.write { tx in try await ProxyServiceStore.importItems(Self.catalogue, in: tx) }
        }
        return f
    }

    @discardableResult
    func write<T>(_ body: (TenantTransaction) async throws -> T) async throws -> T {
        try await database.withTenant(tenant, actor: actor, body)
    }

    func read<T>(_ body: (TenantTransaction) async throws -> T) async throws -> T {
        try await database.withTenant(tenant, actor: actor, readOnly: true, body)
    }

    func receive(_ item: String = "GH-T001", at place: String = "V01", on day: String = "2024-05-06", documents: [String] = ["身份证", "户口簿"]) async throws -> ProxyRequest {
        try await write { tx in try await ProxyServiceStore.receive(RequestDraft(
            itemCode: item, placeCode: place, agent: "罗贤兵", residentName: try PersonalName("陈寿生"), residentPhone: try PhoneNumber("13812345678"),
            receivedOn: try CivilDate(day), documentsReceived: documents), in: tx) }
    }

    func move(_ id: Int64, _ step: RequestStep, reason: String? = nil, on day: String) async throws -> ProxyRequest {
        try await write { tx in try await ProxyServiceStore.move(id, to: step, reason: reason, on: try CivilDate(day), in: tx) }
    }

    func count(_ table: String) async throws -> Int {
        try await read { tx in try await tx.connection.query("SELECT count(*) AS n FROM \(identifier: table)")[0].decode(Int.self, "n") }
    }

    func close() async { await database.close() }
}
