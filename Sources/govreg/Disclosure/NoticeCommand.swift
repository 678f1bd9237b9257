import ArgumentParser
import Disclosure
import Foundation
import GovregCommandLine
import Registry
import RegistryStore

/// `govreg notice`: one community's notice for its board (公示栏) as an A4 HTML file, with the
/// QR code of its public page: what a community worker prints and pins up.
struct NoticeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notice",
        abstract: "A community's (or street's) notice for its board (公示栏): an A4 page with a QR code of its public page.",
        discussion: "Open the file in a browser and print it on A4; the same page is at /public/<district>/notices/<code>.html.")

    @OptionGroup var scope: TenantScope
    @Option(help: "The community's (or street's) code.") var area: String
    @Option(name: .customLong("public-url"), help: "Where residents reach the public site (https://gov.example/public), for the QR code.")
    var publicURL: String
    @Flag(help: "In English.") var english = false
    @Option(help: "The file to write (default: standard output).") var out: String?

    func validate() throws {
        try PublishCommand.checkPublicURL(publicURL)
    }

    func run() async throws {
        let terminal = Terminal()
        let answer = try await scope.run(terminal: terminal) { registry, tenant in
            let slug = try await TenantStore(database: registry).find(tenant.uuidString).slug.rawValue
            // The site takes paths decoded, as the server hands them on: the code goes in as it is.
            return try await PublicSite(database: registry, baseURL: publicURL, isLive: false)
                .answer(tenant: slug, path: (english ? "en/" : "") + "notices/\(area).html", query: [:])
        }
        guard answer.status == 200 else {
            throw ValidationError("--area \(area): 没有这个街道或社区 no street or community with this code")
        }
        if let out {
            do { try Data(answer.body.utf8).write(to: URL(filePath: out), options: .atomic) } catch {
                throw ValidationError("--out: cannot write \(out): \(error.localizedDescription)")
            }
            terminal.progress("公示栏 notice written: \(out)")
        } else {
            FileHandle.standardOutput.write(Data(answer.body.utf8))
        }
    }
}
