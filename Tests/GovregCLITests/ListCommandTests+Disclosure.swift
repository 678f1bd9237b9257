import Foundation
import Testing

/// `govreg report …`, `govreg publish` and `govreg notice`, as an operator runs them.
extension ListCommandTests {
    @Test func aQuarterIsCountedClosedPublishedAndTheSiteWritten() async throws {
        try await withGovreg { govreg, folder in
            try await district("langao", "610925", lists: false, govreg, folder)
            let report = try await govreg(["report", "quarterly", "--tenant", "langao", "--quarter", "2024Q3"])
            #expect(report.status == 0 && report.stdout.contains("| 受理 received | 0 | 0 | 0 |"), "\(report.stderr)")
            let bad = try await govreg(["report", "quarterly", "--tenant", "langao", "--quarter", "2024Q5"])
            #expect(bad.status != 0 && bad.stderr.contains("--quarter") && bad.stderr.contains("2026Q3"), "\(bad.stderr)")
            let format = try await govreg(["report", "quarterly", "--tenant", "langao", "--quarter", "2024Q3", "--format", "pdf"])
            #expect(format.status != 0 && format.stderr.contains("--format"), "\(format.stderr)")

            let closed = try await govreg(["report", "close", "--tenant", "langao", "--quarter", "2024Q3", "--json"])
            let closedVersion = try object(closed)["version"] as? Int
            #expect(closed.status == 0 && closedVersion == 1, "\(closed.stderr)")
            let again = try await govreg(["report", "close", "--tenant", "langao", "--quarter", "2024Q3"])
            #expect(again.status != 0 && again.stderr.contains("--correction"), "\(again.stderr)")
            #expect(try await govreg(["report", "publish", "--tenant", "langao", "--quarter", "2024Q3"]).status == 0)
            let versions = try await govreg(["report", "versions", "--tenant", "langao", "--json"])
            #expect((try JSONSerialization.jsonObject(with: Data(versions.stdout.utf8)) as? [Any])?.count == 1)
            let html = folder.appending(path: "report.html").path
            let stored = try await govreg(["report", "quarterly", "--tenant", "langao", "--quarter", "2024Q3", "--closed", "--format", "html", "--out", html])
            let storedText = try String(contentsOfFile: html, encoding: .utf8)
            #expect(stored.status == 0 && storedText.contains("第 1 版"), "\(stored.stderr)")

            let site = folder.appending(path: "site").path
            let published = try await govreg(["publish", "--tenant", "langao", "--out", site, "--public-url", "https://gov.example/public"])
            #expect(published.status == 0, "\(published.stderr)")
            let index = try String(contentsOfFile: site + "/langao/reports/index.html", encoding: .utf8)
            #expect(index.contains("2024Q3.html"))
            #expect(FileManager.default.fileExists(atPath: site + "/langao/reports/2024Q3.csv"))
            let notice = folder.appending(path: "c1.html").path
            let written = try await govreg(["notice", "--tenant", "langao", "--area", "C1", "--public-url", "https://gov.example/public", "--out", notice])
            #expect(written.status == 0, "\(written.stderr)")
            let noticeText = try String(contentsOfFile: notice, encoding: .utf8)
            #expect(noticeText.contains("<svg"))
            let unknown = try await govreg(["notice", "--tenant", "langao", "--area", "G11", "--public-url", "https://gov.example/public"])
            #expect(unknown.status != 0 && unknown.stderr.contains("G11"), "\(unknown.stderr)")
        }
    }
}
