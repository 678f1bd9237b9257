import Foundation
import GovregTestSupport
import Postgres
import Registry
import RegistryImport
import RegistryStore
import Testing

/// A district's categories: added and renamed with every clash named, used by the lists, and
/// the references a new record names checked all at once.
@Suite struct CategoryStoreTests {
    static let community = [OrgUnitImportRow(line: 2, code: "C1", name: "东坡社区", kind: .community, parentCode: nil)]

    @Test func categoriesAreAddedAndRenamedWithEveryClashNamed() async throws {
        try await TestDatabase.withMigrated { configuration in
            let database = RegistryDatabase(configuration: configuration)
            defer { Task { await database.close() } }
            let tenant = try await TenantStore(database: database).create(
                slug: try TenantSlug("langao"), name: "岚皋县", divisionCode: try DivisionCode("610925")).id
            let added = try await database.withTenant(tenant, actor: "test") { tx in
                try await CategoryStore.add(CategoryDraft(code: " night_patrol ", chineseName: "夜间巡逻"), in: tx)
            }
            #expect(added.code == "night_patrol" && added.nameEn == "Night patrol" && added.defaultCode == nil && added.sortOrder > 140)

            // The code, and a name in another letter case, already name categories.
            let clash = try await #require(throws: InvalidFields.self) {
                try await database.withTenant(tenant, actor: "test") { tx in
                    try await CategoryStore.add(CategoryDraft(code: "night_patrol", chineseName: "道路交通", englishName: "ROADS AND TRAFFIC"), in: tx)
                }
            }
            #expect(clash.problems.map(\.field) == ["code", "name_zh", "name_en"])
            #expect(clash.description.contains("已用于") && clash.description.contains("roads"))
            let shape = try await #require(throws: InvalidFields.self) {
                try await database.withTenant(tenant, actor: "test") { tx in
                    try await CategoryStore.add(CategoryDraft(code: "夜巡", chineseName: " "), in: tx)
                }
            }
            #expect(shape.problems.map(\.field) == ["code", "name_zh"])

            let renamed = try await database.withTenant(tenant, actor: "test") { tx in
                try await CategoryStore.rename(CategoryDraft(code: "roads", chineseName: "道路设施"), in: tx)
            }
            #expect(renamed.nameZh == "道路设施" && renamed.nameEn == "Roads and traffic")
            await #expect(throws: RegistryStoreError.notFound(kind: "category 类别", key: "nosuch")) {
                try await database.withTenant(tenant, actor: "test") { tx in
                    try await CategoryStore.rename(CategoryDraft(code: "nosuch", chineseName: "新"), in: tx)
                }
            }
            // A category keeping its own name is no clash; taking another's is.
            _ = try await database.withTenant(tenant, actor: "test") { tx in
                try await CategoryStore.rename(CategoryDraft(code: "roads", chineseName: "道路设施", englishName: "Roads"), in: tx)
            }
            await #expect(throws: InvalidFields.self) {
                try await database.withTenant(tenant, actor: "test") { tx in
                    try await CategoryStore.rename(CategoryDraft(code: "roads", chineseName: "夜间巡逻"), in: tx)
                }
            }

            // Demands name it by its new name; the usage counts them.
            _ = try await OrgUnitStore.importRows(Self.community, on: database, tenant: tenant, actor: "test")
            try await database.withTenant(tenant, actor: "test") { tx in
                let draft = DemandDraft(title: "路灯", category: "道路设施", orgCode: "C1", quantity: try Quantity(2, .items))
                try await DemandStore.file(draft, submit: true, in: tx)
            }
            let usage = try await database.withTenant(tenant, actor: "test", readOnly: true) { tx in try await CategoryStore.usage(in: tx) }
            #expect(usage.count == 15 && usage.first { $0.category.code == "roads" }?.demands == 1)
        }
    }

    @Test func referenceProblemsNameEveryUnknownOrTakenReference() async throws {
        try await TestDatabase.withMigrated { configuration in
            let database = RegistryDatabase(configuration: configuration)
            defer { Task { await database.close() } }
            let tenant = try await TenantStore(database: database).create(
                slug: try TenantSlug("langao"), name: "岚皋县", divisionCode: try DivisionCode("610925")).id
            _ = try await OrgUnitStore.importRows(Self.community, on: database, tenant: tenant, actor: "test")
            try await database.withTenant(tenant, actor: "test") { tx in
                let draft = DemandDraft(title: "路灯", category: "roads", orgCode: "C1", quantity: try Quantity(2, .items), externalID: "D1")
                try await DemandStore.file(draft, submit: true, in: tx)
                let known = try await DemandStore.referenceProblems(category: "道路交通", orgCode: "C1", externalID: "D2", in: tx)
                #expect(known.isEmpty)
                let unknown = try await DemandStore.referenceProblems(category: "道路", orgCode: "C9", externalID: " D1 ", in: tx)
                #expect(unknown.map(\.field) == ["external_id", "category", "org_code"])
                #expect(try await DemandStore.referenceProblems(category: " ", orgCode: nil, externalID: nil, in: tx).isEmpty)
                let resource = try await ResourceStore.referenceProblems(
                    unit: "U9", category: "Roads and traffic", serviceArea: ["C1", "C9"], externalID: nil, in: tx)
                #expect(resource.map(\.field) == ["unit", "service_area"] && resource.last?.value == "C9")
            }
        }
    }
}
