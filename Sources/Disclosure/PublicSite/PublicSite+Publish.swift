import Foundation

extension PublicSite {
    /// Every page of `tenant`'s site, as static files: the same answers the server gives,
    /// each handed to `write` with its path below `/public/{tenant}/` (`demands/12.html`).
    /// Lists page by the cursor files (`after-ID.html`) the pages link to; filters need a
    /// server and are left out. The same data writes the same bytes.
    ///
    /// - Returns: How many files were written.
    @discardableResult
    public func publish(tenant: String, write: (String, String) throws -> Void) async throws -> Int {
        var site = self
        site.isLive = false
        var count = 0
        func emit(_ path: String) async throws -> String? {
            let answer = try await site.answer(tenant: tenant, path: path, query: [:])
            guard answer.status == 200 else { return nil }
            try write(path, answer.body)
            count += 1
            return answer.body
        }
        guard let homeJSON = try await emit("index.json") else {
            throw PublishError(description: "no such district: \(tenant)")
        }
        let home = try DisclosureJSON.decode(HomeFiles.self, from: homeJSON)
        for language in ["", "en/"] {
            if language == "en/" { _ = try await emit("en/index.json") }
            _ = try await emit(language + "index.html")
            for list in ["demands", "resources", "projects"] {
                var stem = "index"
                while true {
                    _ = try await emit("\(language)\(list)/\(stem).html")
                    guard let body = try await emit("\(language)\(list)/\(stem).json") else { break }
                    let page = try DisclosureJSON.decode(PageFiles.self, from: body)
                    for item in page.items {
                        _ = try await emit("\(language)\(list)/\(item.id).html")
                        _ = try await emit("\(language)\(list)/\(item.id).json")
                    }
                    guard let next = page.next else { break }
                    stem = "after-\(next)"
                }
            }
            for area in home.areas {
                _ = try await emit("\(language)areas/\(area.code).html")
                _ = try await emit("\(language)notices/\(area.code).html")
            }
            _ = try await emit(language + "reports/index.html")
            for report in home.reports {
                for format in QuarterlyReport.formats { _ = try await emit("\(language)reports/\(report.quarter).\(format)") }
            }
        }
        return count
    }

    public struct PublishError: Error, CustomStringConvertible {
        public var description: String
    }

    private struct HomeFiles: Decodable {
        struct Area: Decodable { var code: String }
        struct Report: Decodable { var quarter: String }
        var areas: [Area]
        var reports: [Report]
    }

    private struct PageFiles: Decodable {
        struct Item: Decodable { var id: Int64 }
        var items: [Item]
        var next: Int64?
    }

}
