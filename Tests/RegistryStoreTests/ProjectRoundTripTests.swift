import Foundation
import GovregTestSupport
import ImportIssues
import Postgres
import Registry
import RegistryImport
import RegistryStore
import SpreadsheetCSV
import Testing

/// Export → import into an empty district with the same hierarchy gives the same lists.
@Suite struct ProjectRoundTripTests {
    /// District A with something of everything: members, a resource with every column, and
    /// projects completed, cancelled, in progress and created without an external id.
    private func busyDistrict(_ configuration: ConnectionConfiguration) async throws -> ProjectFixture {
        let f = try await ProjectFixture.make(configuration)
        let members = """
            人员编号,姓名,手机号,身份证号,报到单位编号,报到社区编码,报到日期
            M1,张三,13812345678,11010519491231002X,U001,C01,2024-03-05
            M1,张三,13812345678,11010519491231002X,U002,C02,2024-03-06
            M2,欧阳娜娜,0915-5212345,,U002,C02,2024-04-01
            """
        let (memberRows, memberIssues) = MemberFile.read(Data(members.utf8))
        _ = try await MemberStore.importRows(memberRows, issues: memberIssues, on: f.database, tenant: f.tenant, actor: f.actor)
        _ = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ResourceStore.create(
            ResourceImportRow(externalID: "R003", unitExternalID: "U002", title: "课业辅导, \"暑期\"", description: "两行\n说明",
                              category: "children", kind: .professionalService, capacity: 30, measureUnit: .sessions,
                              unitCost: Money(fen: 5_050), serviceAreaCodes: ["C02", "T02"], availableFrom: try CivilDate("2024-06-01"),
                              availableUntil: try CivilDate("2024-08-31"), isPublic: true, publishedOn: try CivilDate("2024-05-20")), in: tx) }
        try await f.demand("D004", at: "C02", quantity: 6, unit: .sessions, state: .accepted, category: "children")
        try await f.demand("D005", at: "C01", quantity: 100_000, unit: .yuan, state: .matched)
        let done = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.create(ProjectDraft(externalID: "P1", title: "修路", responsibleUnit: "U001", demands: ["D001"],
            allocations: [ProjectAllocationRequest(resource: "R001", quantity: "5000")], budget: .yuan(5_000),
            startsOn: try CivilDate("2024-03-01"), dueOn: try CivilDate("2024-05-31"), isPublic: true, publishedOn: try CivilDate("2024-03-02")), in: tx) }.project.externalID!
        try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.start(done, in: tx) }
        let milestone = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.addMilestone(done, title: "路基完工, \"一期\"", dueOn: try CivilDate("2024-04-01"), in: tx) }
        try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.reachMilestone(done, milestone: milestone.milestones[0].id, on: try CivilDate("2024-04-10"), in: tx) }
        try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.report(done, percent: 30, on: try CivilDate("2024-03-20"), note: "开工", in: tx) }
        try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.report(done, percent: 80, on: try CivilDate("2024-04-15"), note: "路面\n铺设", attachments: ["https://example.org/p1.jpg"], in: tx) }
        try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.complete(done, on: try CivilDate("2024-05-20"), in: tx) }
        try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.rate(done, score: 4, comment: "路修好了, \"还不错\"", in: tx) }
        try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.check(done, on: try CivilDate("2024-05-28"), in: tx) }
        let dropped = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.create(ProjectDraft(externalID: "P2", title: "助老", responsibleUnit: "U002", demands: ["D002"],
            allocations: [ProjectAllocationRequest(resource: "R002", quantity: "40")]), in: tx) }.project.externalID!
        try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.cancel(dropped, reason: "志愿者不足", in: tx) }
        let going = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.create(ProjectDraft(title: "托管", responsibleUnit: "U002", demands: ["D004", "D002"],
            allocations: [ProjectAllocationRequest(resource: "R003", quantity: "6"), ProjectAllocationRequest(resource: "R002", quantity: "25")]), in: tx) }.project.externalID!
        try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.start(going, in: tx) }
        try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.addMilestone(going, title: "开班", dueOn: try CivilDate("2024-07-01"), in: tx) }
        try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.report(going, percent: 40, on: try CivilDate("2024-07-05"), in: tx) }
        _ = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.create(ProjectDraft(externalID: "P4", title: "资金项目", responsibleUnit: "U001", demands: ["D005"],
            allocations: [ProjectAllocationRequest(resource: "R001", quantity: "1000.50")]), in: tx) }
        return f
    }

    /// Copies A's demands, in their current states, to B: what importing A's demand export does.
    private func copyDemands(from a: ProjectFixture, to b: ProjectFixture) async throws {
        let demands = try await a.database.withTenant(a.tenant, actor: a.actor, readOnly: true) { tx in
            try await tx.connection.query("""
                SELECT d.external_id, d.category_code, o.code, d.quantity, d.measure_unit, d.state, d.rating FROM demand d
                JOIN org_unit o ON o.tenant_id = d.tenant_id AND o.id = d.org_unit_id WHERE d.tenant_id = \(a.tenant) ORDER BY d.id
                """).map { row in
                (try row.decode(String.self, "external_id"), try row.decode(String.self, "category_code"), try row.decode(String.self, "code"),
                 try row.decode(Int64.self, "quantity"), try MeasureUnit(parsing: try row.decode(String.self, "measure_unit")),
                 try DemandState(parsing: try row.decode(String.self, "state")), try row.decode(Int?.self, "rating"))
            }
        }
        for d in demands { try await b.demand(d.0, at: d.2, quantity: d.3, unit: d.4, state: d.5, category: d.1, rating: d.6) }
        try await b.database.withTenant(b.tenant, actor: b.actor) { tx in
            try await tx.connection.execute("UPDATE demand SET settled_level = 'grid' WHERE tenant_id = \(b.tenant) AND state IN ('resolved', 'rated')")
        }
    }

    @Test func anExportImportsIntoAnEmptyDistrictAsTheSameLists() async throws {
        try await TestDatabase.withMigrated { configuration in
            let a = try await busyDistrict(configuration)
            let b = try await a.sibling()
            try await copyDemands(from: a, to: b)
            for chinese in [false, true] {
                // Into B (the second pass finds everything in place), and back into A.
                for target in [b, a] {
                    let units = UnitFile.read(UnitFile.csv(try await a.database.withTenant(a.tenant, actor: a.actor, readOnly: true) { tx in try await UnitStore.exportRows(in: tx) }, chinese: chinese))
                    let members = MemberFile.read(MemberFile.csv(try await a.database.withTenant(a.tenant, actor: a.actor, readOnly: true) { tx in try await MemberStore.exportRows(in: tx) }, chinese: chinese))
                    let resources = ResourceFile.read(ResourceFile.csv(try await a.database.withTenant(a.tenant, actor: a.actor, readOnly: true) { tx in try await ResourceStore.exportRows(in: tx) }, chinese: chinese))
                    let projects = ProjectFile.read(ProjectFile.csv(try await a.database.withTenant(a.tenant, actor: a.actor, readOnly: true) { tx in try await ProjectStore.exportRows(in: tx) }, chinese: chinese))
                    let milestones = MilestoneFile.read(MilestoneFile.csv(try await a.database.withTenant(a.tenant, actor: a.actor, readOnly: true) { tx in try await MilestoneStore.exportRows(in: tx) }, chinese: chinese))
                    let progress = ProgressReportFile.read(ProgressReportFile.csv(try await a.database.withTenant(a.tenant, actor: a.actor, readOnly: true) { tx in try await ProgressReportStore.exportRows(in: tx) }, chinese: chinese))
                    for issues in [units.issues, members.issues, resources.issues, projects.issues, milestones.issues, progress.issues] {
                        #expect(issues.isEmpty, "\(issues.issues)")
                    }
                    let t = target.tenant, actor = target.actor
                    let summaries = [
                        try await UnitStore.importRows(units.rows, on: target.database, tenant: t, actor: actor),
                        try await MemberStore.importRows(members.rows, on: target.database, tenant: t, actor: actor),
                        try await ResourceStore.importRows(resources.rows, on: target.database, tenant: t, actor: actor),
                        try await ProjectStore.importRows(projects.rows, on: target.database, tenant: t, actor: actor),
                        try await MilestoneStore.importRows(milestones.rows, on: target.database, tenant: t, actor: actor),
                        try await ProgressReportStore.importRows(progress.rows, on: target.database, tenant: t, actor: actor),
                    ]
                    let firstLoad = target.tenant == b.tenant && !chinese
                    #expect(summaries.map(\.inserted) == (firstLoad ? [2, 3, 3, 4, 2, 4] : [0, 0, 0, 0, 0, 0]))
                    #expect(summaries.map(\.updated) == [0, 0, 0, 0, 0, 0])
                }
            }
            // The same rows come out of both, and the same lists (ids aside).
            let (unitsA, unitsB) = (try await a.database.withTenant(a.tenant, actor: a.actor, readOnly: true) { tx in try await UnitStore.exportRows(in: tx) }, try await b.database.withTenant(b.tenant, actor: b.actor, readOnly: true) { tx in try await UnitStore.exportRows(in: tx) })
            let (membersA, membersB) = (try await a.database.withTenant(a.tenant, actor: a.actor, readOnly: true) { tx in try await MemberStore.exportRows(in: tx) }, try await b.database.withTenant(b.tenant, actor: b.actor, readOnly: true) { tx in try await MemberStore.exportRows(in: tx) })
            let (resourcesA, resourcesB) = (try await a.database.withTenant(a.tenant, actor: a.actor, readOnly: true) { tx in try await ResourceStore.exportRows(in: tx) }, try await b.database.withTenant(b.tenant, actor: b.actor, readOnly: true) { tx in try await ResourceStore.exportRows(in: tx) })
            let (projectsA, projectsB) = (try await a.database.withTenant(a.tenant, actor: a.actor, readOnly: true) { tx in try await ProjectStore.exportRows(in: tx) }, try await b.database.withTenant(b.tenant, actor: b.actor, readOnly: true) { tx in try await ProjectStore.exportRows(in: tx) })
            #expect(unitsA == unitsB)
            #expect(membersA == membersB)
            #expect(resourcesA == resourcesB)
            #expect(projectsA == projectsB)
            // Milestones and the reports behind each percentage: the project file's stand-in
            // reports (dated the day of the import) were replaced by the filed history.
            #expect(try await a.database.withTenant(a.tenant, actor: a.actor, readOnly: true) { tx in try await MilestoneStore.exportRows(in: tx) } == (try await b.database.withTenant(b.tenant, actor: b.actor, readOnly: true) { tx in try await MilestoneStore.exportRows(in: tx) }))
            let reportsB = try await b.database.withTenant(b.tenant, actor: b.actor, readOnly: true) { tx in try await ProgressReportStore.exportRows(in: tx) }
            #expect(try await a.database.withTenant(a.tenant, actor: a.actor, readOnly: true) { tx in try await ProgressReportStore.exportRows(in: tx) } == reportsB)
            #expect(reportsB.map(\.percent) == [40, 30, 80, 100])
            func lists(_ f: ProjectFixture) async throws -> [String] {
                let units = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await UnitStore.list(UnitQuery(), in: tx) }.items.map { u in
                    "\(u.externalID!) \(u.name) \(u.kind) \(u.contactName ?? "") \(u.contactPhone ?? "") \(u.communities.map(\.code)) \(u.memberCount) \(u.resourceCount)"
                }
                let members = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await MemberStore.list(MemberQuery(), in: tx) }.items.map { m in
                    "\(m.externalID!) \(m.name) \(m.phone ?? "") \(m.idCard ?? "") \(m.unitName) \(m.communityCode) \(m.registeredOn)"
                }
                let resources = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await ResourceStore.list(ResourceQuery(), in: tx) }.items.map { r in
                    "\(r.externalID!) \(r.title) \(r.unitName) \(r.pledged) \(r.remaining) \(r.status) \(r.serviceArea) \(r.isPublic)"
                }
                let projects = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await ProjectStore.list(ProjectQuery(), in: tx) }.items.map { p in
                    "\(p.externalID!) \(p.title) \(p.status) \(p.progressPercent) \(p.demandCount) \(p.budget?.fen ?? -1) \(p.responsibleUnitName)"
                }
                return units + members + resources.sorted() + projects.sorted()
            }
            let (listsA, listsB) = (try await lists(a), try await lists(b))
            #expect(listsA == listsB)
            // The rating came across, comment and all; it is never changed by a later file.
            #expect(projectsB.first { $0.externalID == "P1" }?.rating == (try Rating(score: 4, comment: "路修好了, \"还不错\"")))
            var rerated = projectsA
            rerated[rerated.firstIndex { $0.externalID == "P1" }!].rating = try Rating(score: 2)
            rerated[rerated.firstIndex { $0.status == .inProgress }!].rating = try Rating(score: 5)
            let refused = try await #require(throws: ImportRejected.self) {
                try await ProjectStore.importRows(rerated, on: b.database, tenant: b.tenant, actor: b.actor)
            }
            #expect(refused.issues.issues.map(\.column) == ["rating", "rating"])
            #expect(try await a.remaining("R001") == 400_000 - 100_050 + 100_000)
            await a.close()
        }
    }

    @Test func publicExportsCarryNoPersonalData() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await busyDistrict(configuration)
            let units = String(decoding: UnitFile.publicCSV(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await UnitStore.disclosures(in: tx) }, chinese: true), as: UTF8.self)
            let members = String(decoding: MemberFile.publicCSV(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await MemberStore.disclosures(in: tx) }, chinese: false), as: UTF8.self)
            let resources = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await ResourceStore.disclosures(in: tx) }
            let projects = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await ProjectStore.disclosures(in: tx) }
            let milestones = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await MilestoneStore.disclosures(in: tx) }
            let reports = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await ProgressReportStore.disclosures(in: tx) }
            let everything = units + members + String(decoding: ResourceFile.publicCSV(resources, chinese: false), as: UTF8.self)
                + String(decoding: MilestoneFile.publicCSV(milestones, chinese: true), as: UTF8.self)
                + String(decoding: ProgressReportFile.publicCSV(reports, chinese: false), as: UTF8.self)
                + String(decoding: ProjectFile.publicCSV(projects, chinese: true), as: UTF8.self)
                + String(decoding: try JSONEncoder().encode(resources), as: UTF8.self) + String(decoding: try JSONEncoder().encode(projects), as: UTF8.self)
            for secret in ["张三", "13812345678", "5212345", "11010519491231002X", "欧阳娜娜", "志愿者不足", "开工", "example.org"] {
                #expect(!everything.contains(secret), "\(secret)")
            }
            #expect(units.contains("县人民医院"))
            #expect(members.contains("城关小学,滨河社区,2"))
            // Only public items: R003 of the resources, P1 of the projects.
            #expect(resources.map(\.title) == ["课业辅导, \"暑期\""])
            #expect(projects.map(\.title) == ["修路"])
            #expect(projects[0].status == .checked)
            // The milestones and reports of P1 only; of a report, the day and the percentage.
            #expect(milestones.map(\.title) == ["路基完工, \"一期\""])
            // …and the completion's own 100% (a completed project reads 100).
            #expect(reports.map(\.percent) == [30, 80, 100])
            #expect(reports.allSatisfy { $0.projectTitle == "修路" })
            #expect(projects[0].checkedOn == (try CivilDate("2024-05-28")))
            await f.close()
        }
    }
}
