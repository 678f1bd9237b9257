import Foundation
import GovregTestSupport
import ProxyService
import Registry
import RegistryStore
import Testing

@Suite struct ProxyServiceConsoleTests {
    /// The console page lists the open requests, the overdue first, residents masked.
    @Test func theOpenRequestsPageShowsTheOverdueFirst() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProxyServiceFixture.make(configuration)
            defer { Task { await f.close() } }
            let today = try await f.read { tx in try tx.today() }
            let recent = CivilDate(daysSince1970: today.daysSince1970 - 1), old = CivilDate(daysSince1970: today.daysSince1970 - 60)
            let fresh = try await f.receive("GH-T002", on: recent.description, documents: ["身份证"])
            let late = try await f.receive("GH-V001", on: old.description, documents: [])
            let done = try await f.receive(on: old.description)
            _ = try await f.move(done.id, .submitted, on: old.description)
            _ = try await f.move(done.id, .completed, on: recent.description)

            let pages = ProxyServiceModule().contributions.compactMap { $0 as? any ModuleConsolePages }.flatMap(\.pages)
            #expect(pages.map(\.path) == ["requests"])
            let content = try await f.read { tx in try await pages[0].read([:], tx) }
            #expect(content.sections[0].facts.map(\.value).prefix(2) == ["2", "1"])
            let rows = content.sections[1].rows
            #expect(rows.map(\.first) == ["#\(late.id)", "#\(fresh.id)"])
            #expect(rows[0][8].hasPrefix("逾期") && rows[1][9] == "户口簿、近期一寸照片、医院诊断证明")
            #expect(!rows.flatMap { $0 }.contains("陈寿生") && rows[0][4] == "陈**")
        }
    }
}
