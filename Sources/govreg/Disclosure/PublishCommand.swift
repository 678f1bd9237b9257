import ArgumentParser
import Disclosure
import Foundation
import GovregCommandLine
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
            That folder is govreg's: each run replaces it whole (written beside it, then swapped in), \
            so items no longer disclosed are gone; the same data writes the same bytes.
            """)

    @OptionGroup var scope: TenantScope
    @Option(help: "The folder to write into.") var out: String
    @Option(name: .customLong("public-url"), help: "Where the folder is reached from outside (https://gov.example/public), for the notices' QR codes.")
    var publicURL: String?

    func validate() throws {
        try Self.checkPublicURL(publicURL)
    }

    /// `--public-url` (of publish and serve): an http(s) address without a trailing slash.
    static func checkPublicURL(_ url: String?) throws {
        guard let url else { return }
        guard url.hasPrefix("https://") || url.hasPrefix("http://"), !url.hasSuffix("/"), URL(string: url)?.host != nil else {
            throw ValidationError("--public-url: an http(s) address without a trailing slash, e.g. https://gov.example/public")
        }
    }

    func run() async throws {
        let terminal = Terminal()
        let root = URL(filePath: out).standardizedFileURL
        let (folder, written) = try await scope.run(terminal: terminal) { registry, tenant in
            let slug = try await TenantStore(database: registry).find(tenant.uuidString).slug.rawValue
            // The site is written beside the old one and swapped in at the end, so a reader
            // never sees half of it, and a run that fails leaves the old site as it was.
            let folder = root.appending(path: slug)
            let fresh = root.appending(path: ".\(slug).new"), old = root.appending(path: ".\(slug).old")
            let files = FileManager.default
            try? files.removeItem(at: fresh)
            try? files.removeItem(at: old)
            var written = 0
            do {
                let site = PublicSite(database: registry, baseURL: publicURL)
                try await site.publish(tenant: slug) { path, body in
                    let file = fresh.appending(path: path)
                    try files.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try Data(body.utf8).write(to: file)
                    written += 1
                    if written % 500 == 0 { terminal.progress("公示 publishing: \(written) files", updating: true) }
                }
                if files.fileExists(atPath: folder.path) { try files.moveItem(at: folder, to: old) }
                try files.moveItem(at: fresh, to: folder)
                try? files.removeItem(at: old)
            } catch {
                try? files.removeItem(at: fresh)
                throw error
            }
            return (folder, written)
        }
        terminal.print("公示 published: \(written) files in \(folder.path)")
    }
}
