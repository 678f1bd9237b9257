import Disclosure
import Foundation
import Postgres
import Registry
import RegistryStore
import Testing

/// The public site (公示) as residents and a crawler see it: every page, both languages,
/// never a piece of personal data, nothing unpublished, filters and pages that hold.
@Suite struct PublicSiteTests {
    /// Personal data written into every field of the lists that can hold it.
    static let personal = [
        "王秀英", "13912345678", "610925199001011234", "李建国", "13800001111", "滨河路88号3单元", "张桂兰家住东坡小区5栋",
        "赵明亮很满意", "孙丽电话13611112222", "不属于受理范围王五", "周志强报告", "周志强.jpg", "项目内部说明钱六", "资源内部说明吴七",
        "调解当事人郑八", "13500009999", "评价意见冯九", "61092519900101123X", "13712345678",
    ]

    /// Seeds a district whose every personal field is filled; returns (public demand, private demand, project).
    static func seed(_ f: ReportFixture) async throws -> (Int64, Int64, Int64) {
        let db = f.database.operatorPool, t = f.tenant
        let person = try await db.query("""
            INSERT INTO person (tenant_id, name, phone, id_card) VALUES (\(t), '王秀英', '13912345678', '610925199001011234') RETURNING id
            """)[0].decode(Int64.self, "id")
        let unit = try await db.query("""
            INSERT INTO unit (tenant_id, name, kind, contact_name, contact_phone, address)
            VALUES (\(t), '县住建局', 'department', '李建国', '13800001111', '滨河路88号3单元') RETURNING id
            """)[0].decode(Int64.self, "id")
        func demand(_ title: String, isPublic: Bool, state: String) async throws -> Int64 {
            try await db.query("""
                INSERT INTO demand (tenant_id, id, title, description, category_code, org_unit_id, source_channel, reporter_id, quantity,
                                    measure_unit, state, rating, rating_comment, is_public, filed_at)
                VALUES (\(t), govreg_take_numbers('demand', \(t), 1), \(title), '张桂兰家住东坡小区5栋', 'housing_repair', \(f.orgIDs["G11"]!), 'grid_report', \(person), 1, 'job',
                        \(state), \(state == "rated" ? 5 : nil), \(state == "rated" ? "赵明亮很满意" : nil), \(isPublic), '2026-07-05')
                RETURNING id
                """)[0].decode(Int64.self, "id")
        }
        let shown = try await demand("楼道灯不亮，联系13712345678，身份证61092519900101123X", isPublic: true, state: "rated")
        let hidden = try await demand("未公示的需求", isPublic: false, state: "accepted")
        try await db.execute("""
            INSERT INTO demand_event (tenant_id, demand_id, kind, from_state, to_state, actor, at, note, reason, visibility)
            VALUES (\(t), \(shown), 'transition', 'submitted', 'rejected', '王秀英', '2026-07-06', '孙丽电话13611112222', '不属于受理范围王五', 'public'),
                   (\(t), \(shown), 'transition', 'rejected', 'accepted', '王秀英', '2026-07-07', '孙丽电话13611112222', NULL, 'public')
            """)
        let project = try await db.query("""
            INSERT INTO project (tenant_id, id, title, description, responsible_unit_id, budget_fen, status, progress_percent, completed_on,
                                 rating, rating_comment, is_public)
            VALUES (\(t), govreg_take_numbers('project', \(t), 1), '楼道灯维修', '项目内部说明钱六', \(unit), 50000, 'completed', 100, '2026-07-20', 4, '评价意见冯九', true)
            RETURNING id
            """)[0].decode(Int64.self, "id")
        try await db.execute("INSERT INTO project_demand (tenant_id, project_id, demand_id) VALUES (\(t), \(project), \(shown))")
        try await db.execute("""
            INSERT INTO project_progress (tenant_id, project_id, reported_on, percent, note, attachments, actor)
            VALUES (\(t), \(project), '2026-07-20', 100, '周志强报告', ARRAY['https://files.example/周志强.jpg'], '周志强')
            """)
        try await db.execute("""
            INSERT INTO resource (tenant_id, id, unit_id, title, description, category_code, kind, measure_unit, pledged, remaining, status, is_public)
            VALUES (\(t), govreg_take_numbers('resource', \(t), 1), \(unit), '维修资金', '资源内部说明吴七', 'housing_repair', 'funds', 'yuan', 100000, 100000, 'available', true)
            """)
        let mediation = try await db.query("""
            INSERT INTO mediation_case (tenant_id, org_unit_id, title, grade, mediator, opened_on)
            VALUES (\(t), \(f.orgIDs["C1"]!), '邻里噪音纠纷', 'general', '王秀英', '2026-07-01') RETURNING id
            """)[0].decode(Int64.self, "id")
        try await db.execute("""
            INSERT INTO mediation_party (tenant_id, case_id, role, name, phone) VALUES (\(t), \(mediation), 'applicant', '调解当事人郑八', '13500009999')
            """)
        return (shown, hidden, project)
    }

    @Test func noPageShowsPersonalDataOrAnUnpublishedItem() async throws {
        try await ReportFixture.with { f in
            let (shown, hidden, project) = try await Self.seed(f)
            // a closed and published report is part of the site too
            try await f.archive.close(try Quarter("2026Q3"), today: try CivilDate("2026-12-04"), tenant: f.tenant, actor: f.actor)
            try await f.archive.publish(try Quarter("2026Q3"), tenant: f.tenant, actor: f.actor)
            var files: [String: String] = [:]
            let site = PublicSite(database: f.database, baseURL: "https://gov.example/public")
            try await site.publish(tenant: "langao") { path, body in files[path] = body }
            #expect(files["demands/\(shown).html"] != nil && files["en/demands/\(shown).json"] != nil)
            #expect(files["projects/\(project).html"] != nil && files["reports/2026Q3.csv"] != nil)
            #expect(files["notices/C1.html"]?.contains("<svg") == true)
            #expect(files.keys.contains { $0.contains("/\(hidden).") } == false)
            for (path, body) in files {
                for secret in Self.personal { #expect(!body.contains(secret), "\(path) shows \(secret)") }
            }
            #expect(files["demands/\(shown).html"]?.contains("楼道灯不亮，联系***，身份证***") == true)
            // unpublished is absent, not hidden: the same 404 as a missing one
            #expect(try await site.answer(tenant: "langao", path: "demands/\(hidden).html", query: [:]).status == 404)
            #expect(try await site.answer(tenant: "langao", path: "demands/999999.json", query: [:]).status == 404)
            #expect(try await site.answer(tenant: "langao", path: "reports/2026Q2.html", query: [:]).status == 404)
            #expect(try await site.answer(tenant: "nobody", path: "index.html", query: [:]).status == 404)
            // a report closed but not published is not on the site
            try await f.archive.close(try Quarter("2026Q2"), today: try CivilDate("2026-12-04"), tenant: f.tenant, actor: f.actor)
            #expect(try await site.answer(tenant: "langao", path: "reports/2026Q2.html", query: [:]).status == 404)

            // every page parses as HTML with html5lib in strict mode (a parser govreg did not write)
            let folder = FileManager.default.temporaryDirectory.appending(path: "govreg-site-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            for (path, body) in files {
                let file = folder.appending(path: path)
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(body.utf8).write(to: file)
            }
            let (status, output) = try checkHTML(folder)
            #expect(status == 0, "\(output)")
        }
    }

    @Test func listsFilterBySubtreeAndCategoryAndPageByCursor() async throws {
        try await ReportFixture.with { f in
            for i in 0..<70 {
                let org = ["G11", "G21", "C3"][i % 3], category = i % 2 == 0 ? "housing_repair" : "roads"
                try await f.database.operatorPool.execute("""
                    INSERT INTO demand (tenant_id, id, title, category_code, org_unit_id, source_channel, quantity, measure_unit, state, is_public, filed_at)
                    VALUES (\(f.tenant), govreg_take_numbers('demand', \(f.tenant), 1), \("需求\(i)"), \(category), \(f.orgIDs[org]!), 'grid_report', 1, 'job', 'accepted', true, '2026-07-05')
                    """)
            }
            let site = PublicSite(database: f.database)
            func page(_ path: String, _ query: [String: String] = [:]) async throws -> (ids: [Int64], next: Int64?, status: Int) {
                let answer = try await site.answer(tenant: "langao", path: path, query: query)
                guard answer.status == 200 else { return ([], nil, answer.status) }
                let json = try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any] ?? [:]
                let ids = (json["items"] as? [[String: Any]] ?? []).compactMap { ($0["id"] as? NSNumber)?.int64Value }
                return (ids, (json["next"] as? NSNumber)?.int64Value, 200)
            }
            let first = try await page("demands/index.json")
            #expect(first.ids.count == 50 && first.ids == first.ids.sorted(by: >))
            let second = try await page("demands/after-\(first.next!).json")
            #expect(second.ids.count == 20 && second.next == nil && Set(first.ids).isDisjoint(with: second.ids))
            #expect(try await page("demands/index.json", ["after": String(first.next!)]).ids == second.ids)
            #expect(try await page("demands/index.json", ["under": "S1"]).ids.count == 47)  // G11 and G21: 24 + 23
            #expect(try await page("demands/index.json", ["under": "C3"]).ids.count == 23)
            #expect(try await page("demands/index.json", ["under": "C3", "category": "roads"]).ids.count == 11)
            #expect(try await page("demands/index.json", ["under": "G11"]).status == 400)  // grids are not public areas
            // a parameter the page does not read (a messenger's, a tracker's) is ignored, not refused
            #expect(try await page("demands/index.json", ["from": "singlemessage", "utm_source": "x"]).ids == first.ids)
            #expect(try await page("demands/index.json", ["after": "-3"]).status == 400)
            #expect(try await page("demands/after-x.json").status == 404)
            #expect(try await page("demands/after-0\(first.next!).json").status == 404)  // one address per page
            let html = try await site.answer(tenant: "langao", path: "demands/index.html", query: ["under": "C3"])
            #expect(html.body.contains("index.html?under=C3&amp;after=") || html.body.contains("<form"))
            let english = try await site.answer(tenant: "langao", path: "en/demands/index.html", query: [:])
            #expect(english.body.contains("<html lang=\"en\">") && english.body.contains("Demands"))
        }
    }

    @Test func publishingTwiceWritesTheSameBytes() async throws {
        try await ReportFixture.with { f in
            _ = try await Self.seed(f)
            let site = PublicSite(database: f.database, baseURL: "https://gov.example/public")
            var a: [String: String] = [:], b: [String: String] = [:]
            try await site.publish(tenant: "langao") { a[$0] = $1 }
            try await site.publish(tenant: "langao") { b[$0] = $1 }
            #expect(a == b)
            #expect(a.count > 20)
        }
    }

    /// Runs `scripts/lib/check-html.py` on `folder`.
    func checkHTML(_ folder: URL) throws -> (Int32, String) {
        let script = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appending(path: "scripts/lib/check-html.py")
        let process = Process()
        process.executableURL = URL(filePath: "/usr/bin/env")
        process.arguments = ["python3", script.path, folder.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
