import ArgumentParser
import Disclosure
import Foundation
import Registry
import RegistryStore

/// `govreg publish`: a district's public site (公示) as static files, for any web server or a
/// government portal to host.
struct PublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Write a district's public site (公示: the disclosed lists, published reports, notices) as static files.",
        discussion: """
            Writes OUT/<district>/…, the paths the server answers under /public/<district>/. \
            Running it again with the same data writes the same bytes; files of items no longer \
            disclosed are removed.
            """)

    @OptionGroup var scope: TenantScope
    @Option(help: "The folder to write into.") var out: String
    @Option(name: .customLong("public-url"), help: "Where the folder is reached from outside (https://gov.example/public), for the notices' QR codes.")
    var publicURL: String?

    func validate() throws {
        if let publicURL, !(publicURL.hasPrefix("https://") || publicURL.hasPrefix("http://")) || publicURL.hasSuffix("/") {
            throw ValidationError("--public-url: an http(s) address without a trailing slash, e.g. https://gov.example/public")
        }
    }

    func run() async throws {
        let terminal = Terminal()
        let (slug, written) = try await scope.run(terminal: terminal) { registry, tenant in
            let slug = try await TenantStore(database: registry).find(tenant.uuidString).slug.rawValue
            let folder = URL(filePath: out).appending(path: slug)
            let existing = Set(Self.files(under: folder))
            var written = Set<String>()
            let site = PublicSite(database: registry, baseURL: publicURL)
            try await site.publish(tenant: slug) { path, body in
                let file = folder.appending(path: path)
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(body.utf8).write(to: file, options: .atomic)
                written.insert(path)
                if written.count % 500 == 0 { terminal.progress("公示 publishing: \(written.count) files", updating: true) }
            }
            for stale in existing.subtracting(written) { try FileManager.default.removeItem(at: folder.appending(path: stale)) }
            return (slug, written.count)
        }
        terminal.print("公示 published: \(written) files in \(URL(filePath: out).appending(path: slug).path)")
    }

    /// The site's files already under `folder`, as paths below it.
    static func files(under folder: URL) -> [String] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        var paths: [String] = []
        for case let url as URL in walker where ["html", "json", "csv", "md"].contains(url.pathExtension) {
            paths.append(String(url.path.dropFirst(folder.path.count + 1)))
        }
        return paths
    }
}
