import Foundation
import GovregTestSupport
import ImportIssues
import Postgres
import ProxyService
import Registry
import RegistryStore
import Testing

@Suite struct ProxyServiceTests {
    @Test func aRequestGoesFromReceivedToReturnedWithItsDocuments() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProxyServiceFixture.make(configuration)
            defer { Task { await f.close() } }
            let taken = try await f.receive("GH-T002", documents: ["身份证", "户口簿"])
            // Monday 6 May + 20 working days = Monday 3 June.
            #expect(taken.step == .received && taken.dueOn.description == "2024-06-03" && taken.level == .town)
            #expect(taken.resident == "陈**" && taken.residentPhone == "138****5678" && taken.placeName == "中港村")
            #expect(taken.missingDocuments == ["近期一寸照片", "医院诊断证明"])

            // Submitting with documents missing is refused, naming them; nothing moves.
            do {
                _ = try await f.move(taken.id, .submitted, on: "2024-05-07")
                Issue.record("submitted with documents missing")
            } catch let error as RegistryError {
                #expect(error.code == .notAllowedInState && error.chineseMessage.contains("近期一寸照片、医院诊断证明"), "\(error)")
                #expect(error.englishMessage.contains("近期一寸照片, 医院诊断证明"))
            }
            // A document not on the checklist is refused, naming the checklist.
            await #expect(throws: RegistryError.self) {
                try await f.write { tx in try await ProxyServiceStore.receiveDocuments(taken.id, ["结婚证"], on: try CivilDate("2024-05-08"), in: tx) }
            }
            let complete = try await f.write { tx in
                try await ProxyServiceStore.receiveDocuments(taken.id, ["近期一寸照片", "医院诊断证明", "身份证"], on: try CivilDate("2024-05-08"), in: tx)
            }
            #expect(complete.missingDocuments.isEmpty)
            #expect(complete.documents.map { $0.receivedOn?.description } == ["2024-05-06", "2024-05-06", "2024-05-08", "2024-05-08"])

            // Not submitted before the last document came in.
            await #expect(throws: RegistryError.self) { try await f.move(taken.id, .submitted, on: "2024-05-07") }
            _ = try await f.move(taken.id, .submitted, on: "2024-05-09")
            let done = try await f.move(taken.id, .completed, on: "2024-05-30")
            #expect(done.step == .completed && done.decidedOn?.description == "2024-05-30")
            let returned = try await f.move(taken.id, .returned, on: "2024-05-31")
            #expect(returned.step == .returned && returned.documents.allSatisfy { $0.returnedOn?.description == "2024-05-31" })

            // Returned is final; the refusal names where it is.
            do {
                _ = try await f.move(taken.id, .submitted, on: "2024-06-01")
                Issue.record("a returned request moved")
            } catch let error as RegistryError {
                #expect(error.code == .illegalTransition && error.chineseMessage.contains("已送达"))
            }
        }
    }

    @Test func movesOutOfOrderAreRefusedAndARefusalNeedsItsReason() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProxyServiceFixture.make(configuration)
            defer { Task { await f.close() } }
            let taken = try await f.receive()
            for step in [RequestStep.completed, .refused, .returned] {
                do {
                    _ = try await f.move(taken.id, step, reason: step == .refused ? "不符合条件" : nil, on: "2024-05-07")
                    Issue.record("received → \(step) was allowed")
                } catch let error as RegistryError {
                    #expect(error.code == .illegalTransition && error.englishMessage.contains("it can become submitted"), "\(error)")
                }
            }
            // A day before the previous step's is refused.
            await #expect(throws: RegistryError.self) { try await f.move(taken.id, .submitted, on: "2024-05-01") }
            _ = try await f.move(taken.id, .submitted, on: "2024-05-07")
            await #expect(throws: RegistryError.self) { try await f.move(taken.id, .refused, on: "2024-05-08") }   // no reason
            await #expect(throws: RegistryError.self) { try await f.move(taken.id, .completed, reason: "多余", on: "2024-05-08") }
            let refused = try await f.move(taken.id, .refused, reason: "已在外地参保", on: "2024-05-10")
            #expect(refused.step == .refused && refused.refusalReason == "已在外地参保")
            let back = try await f.move(taken.id, .returned, on: "2024-05-11")
            #expect(back.step == .returned && back.refusedOn?.description == "2024-05-10" && back.completedOn == nil)
            await #expect(throws: RegistryStoreError.self) { try await f.move(999_999, .submitted, on: "2024-05-11") }
        }
    }

    @Test func aBadCatalogueLineRefusesTheWholeImportAndWritesNothing() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProxyServiceFixture.make(configuration)
            defer { Task { await f.close() } }
            let before = try await f.read { tx in try await ProxyServiceStore.items(in: tx) }
            var changed = ProxyServiceFixture.catalogue[0]
            changed.deadlineDays = "7"
            let fresh = ServiceItemRow(line: 3, code: "GH-T009", name: "临时救助申请", level: "镇级", department: "镇民政办",
                                       deadlineDays: "10", deadlineKind: "工作日", documents: "身份证；困难情况说明")
            let bad = ServiceItemRow(line: 4, code: "GH-V009", name: "", level: "乡级", department: "村委会",
                                     deadlineDays: "0", deadlineKind: "工作日", documents: "")
            do {
                _ = try await f.write { tx in try await ProxyServiceStore.importItems([changed, fresh, bad], in: tx) }
                Issue.record("a bad line was imported")
            } catch let rejected as ImportRejected {
                #expect(rejected.issues.issues.map(\.line) == [4, 4, 4])
                #expect(rejected.issues.issues.map(\.column) == ["name", "level", "deadline_days"])
            }
            #expect(try await f.read { tx in try await ProxyServiceStore.items(in: tx) } == before)

            let summary = try await f.write { tx in try await ProxyServiceStore.importItems([changed, fresh] + ProxyServiceFixture.catalogue[1...], in: tx) }
            #expect(summary == ImportSummary(inserted: 1, updated: 1, unchanged: 2))
            let items = try await f.read { tx in try await ProxyServiceStore.items(in: tx) }
            #expect(items.map(\.code) == ["GH-T001", "GH-T002", "GH-T009", "GH-V001"])
            #expect(items[0].deadline == ServiceDeadline(days: 7, kind: .working))
            #expect(try await f.read { tx in try await ProxyServiceStore.items(level: .village, in: tx) }.map(\.code) == ["GH-V001"])
        }
    }

    @Test func aRequestKeepsItsDeadlineWhenTheCatalogueChanges() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProxyServiceFixture.make(configuration)
            defer { Task { await f.close() } }
            let taken = try await f.receive("GH-V001", documents: [])   // 3 calendar days
            #expect(taken.dueOn.description == "2024-05-09" && taken.missingDocuments == ["身份证"])
            var longer = ProxyServiceFixture.catalogue[2]
            longer.deadlineDays = "30"
            longer.documents = "身份证；户口簿"
            _ = try await f.write { tx in try await ProxyServiceStore.importItems([longer], in: tx) }
            let kept = try await f.read { tx in try await ProxyServiceStore.request(taken.id, in: tx) }
            #expect(kept.dueOn.description == "2024-05-09" && kept.documents.map(\.name) == ["身份证"])
        }
    }

    @Test func badRequestsAreRefusedAndNothingIsWritten() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProxyServiceFixture.make(configuration)
            defer { Task { await f.close() } }
            await #expect(throws: RegistryStoreError.self) { try await f.receive("NOPE") }
            await #expect(throws: RegistryStoreError.self) { try await f.receive(at: "X99") }
            await #expect(throws: RegistryError.self) { try await f.receive(documents: ["护照"]) }
            await #expect(throws: RegistryError.self) {
                try await f.write { tx in try await ProxyServiceStore.receive(RequestDraft(
                    itemCode: "GH-T001", placeCode: "V01", agent: "  ", residentName: try PersonalName("陈寿生"), receivedOn: try CivilDate("2024-05-06")), in: tx) }
            }
            let (requests, documents) = (try await f.count("proxy_service_request"), try await f.count("proxy_service_document"))
            #expect(requests == 0 && documents == 0)
        }
    }

    @Test func overdueRequestsTheReportAndResidentsKeptOutOfTheAuditLog() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProxyServiceFixture.make(configuration)
            defer { Task { await f.close() } }
            // On time: received Mon 6 May, due Mon 13 May, completed 10 May (4 days).
            let onTime = try await f.receive(on: "2024-05-06")
            _ = try await f.move(onTime.id, .submitted, on: "2024-05-07")
            _ = try await f.move(onTime.id, .completed, on: "2024-05-10")
            _ = try await f.move(onTime.id, .returned, on: "2024-05-11")
            // Late: due 13 May, refused 20 May (14 days).
            let late = try await f.receive(on: "2024-05-06")
            _ = try await f.move(late.id, .submitted, on: "2024-05-07")
            _ = try await f.move(late.id, .refused, reason: "户籍不在本镇", on: "2024-05-20")
            // Open and overdue: due 9 May (3 calendar days), still waiting for the ID card.
            let waiting = try await f.receive("GH-V001", at: "V02", on: "2024-05-06", documents: [])
            // Open, not overdue yet: due 1 July.
            let fresh = try await f.receive("GH-T002", on: "2024-06-03", documents: ["身份证", "户口簿", "近期一寸照片", "医院诊断证明"])
            _ = try await f.move(fresh.id, .submitted, on: "2024-06-04")

            let overdue = try await f.read { tx in try await ProxyServiceStore.requests(overdueOn: try CivilDate("2024-06-10"), in: tx) }
            #expect(overdue.map(\.id) == [waiting.id])
            let open = try await f.read { tx in try await ProxyServiceStore.openRequests(in: tx) }
            #expect(open.map(\.id) == [waiting.id, fresh.id])   // the earliest deadline first
            #expect(try await f.read { tx in try await ProxyServiceStore.requests(step: .refused, in: tx) }.map(\.id) == [late.id])

            let s = try await f.read { tx in try await ProxyServiceStore.summary(from: try CivilDate("2024-05-01"), to: try CivilDate("2024-06-30"), in: tx) }
            let counts: [Int] = [s.requests, s.decided, s.completed, s.refused, s.decidedOnTime, s.returned, s.overdue]
            #expect(counts == [4, 2, 1, 1, 1, 1, 1])
            #expect(s.medianDays == 9 && s.onTimeShare == 0.5 && (s.townItems, s.villageItems) == (2, 1))
            #expect(s.topItems.map(\.code) == ["GH-T001", "GH-T002", "GH-V001"] && s.topItems[0].requests == 2)

            let sections = try await f.read { tx in try await ModuleStore.reportSections(from: try CivilDate("2024-05-01"), to: try CivilDate("2024-06-30"), in: tx) }
            #expect(sections.map(\.module) == [ProxyServiceModule.moduleID] && sections[0].title.hasPrefix("帮代办"))
            #expect(sections[0].figures.first { $0.label.hasPrefix("按时办结率") }?.value == "1 of 2 (50%)")
            #expect(sections[0].figures.first { $0.label.hasPrefix("逾期") }?.value == "1")
            #expect(!"\(sections)".contains("陈寿生") && !"\(sections)".contains("13812345678"))

            let audit = try await f.read { tx in
                try await tx.connection.query("""
                    SELECT count(*) AS rows, count(*) FILTER (WHERE after::text LIKE '%陈寿生%' OR after::text LIKE '%13812345678%'
                                                               OR before::text LIKE '%陈寿生%') AS named
                    FROM audit_log WHERE table_name = 'proxy_service_request'
                    """)[0]
            }
            #expect(try audit.decode(Int.self, "rows") > 4 && audit.decode(Int.self, "named") == 0)
        }
    }

    @Test func aDisabledModuleDoesNothingAndAnotherDistrictSeesNone() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProxyServiceFixture.make(configuration)
            defer { Task { await f.close() } }
            let other = try await ProxyServiceFixture.make(configuration, slug: "pingli", code: "610926", enabled: false)
            defer { Task { await other.close() } }
            let taken = try await f.receive()
            await #expect(throws: RegistryStoreError.self) { try await other.receive() }
            await #expect(throws: RegistryStoreError.self) { try await other.write { tx in try await ProxyServiceStore.importItems(ProxyServiceFixture.catalogue, in: tx) } }
            try await other.write { tx in try await ModuleStore.enable(ProxyServiceModule.moduleID, in: tx) }
            #expect(try await other.read { tx in try await ProxyServiceStore.requests(in: tx) }.isEmpty)
            #expect(try await other.read { tx in try await ProxyServiceStore.items(in: tx) }.isEmpty)
            await #expect(throws: RegistryStoreError.self) { try await other.read { tx in try await ProxyServiceStore.request(taken.id, in: tx) } }
            await #expect(throws: RegistryStoreError.self) { try await other.receive() }   // langao's catalogue is not pingli's
            await #expect(throws: RegistryStoreError.self) { try await other.move(taken.id, .submitted, on: "2024-05-07") }

            try await f.write { tx in try await ModuleStore.disable(ProxyServiceModule.moduleID, in: tx) }
            await #expect(throws: RegistryStoreError.self) { try await f.receive() }
            await #expect(throws: RegistryStoreError.self) { try await f.move(taken.id, .submitted, on: "2024-05-07") }
            #expect(try await f.read { tx in try await ModuleStore.reportSections(from: try CivilDate("2024-01-01"), to: try CivilDate("2024-12-31"), in: tx) }.isEmpty)
            #expect(try await f.count("proxy_service_request") == 1)   // its data stays
        }
    }
}
