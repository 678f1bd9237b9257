import Foundation
import GovregTestSupport
import Postgres
import Testing

/// `govreg export … --format xlsx`: every list as a workbook, to --out or a redirected stdout,
/// never to a terminal, and back in through `govreg import`.
extension ListCommandTests {
    /// The text of one part of a workbook, unzipped by Python's standard library (no code of
    /// ours): `xl/worksheets/sheet1.xml`.
    func workbookPart(_ path: String, _ part: String = "xl/worksheets/sheet1.xml") async throws -> String {
        let process = Process()
        process.executableURL = URL(filePath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())", path, part]
        let out = FileManager.default.temporaryDirectory.appending(path: "govreg-part-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: out) }
        process.standardOutput = try FileHandle(forWritingTo: out)
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(path) is not a ZIP with \(part)")
        return try String(contentsOf: out, encoding: .utf8)
    }

    /// Runs `command` in `sh -c` with `$0` naming the built executable; its exit status.
    func shell(_ command: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(filePath: "/bin/sh")
        process.arguments = ["-c", command, GovregProcess.executable.path]
        // PG* stay: the test server is reached as the suite's govreg reaches it.
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GOVREG_") }
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test func everyListExportsAsAWorkbookWithTypedCells() async throws {
        try await withGovreg { govreg, folder in
            try await district("langao", "610925", lists: true, govreg, folder)
            for list in ["org", "units", "members", "resources", "demands", "projects", "milestones", "progress"] {
                for extra in [[], ["--public"], ["--header", "zh"]] where !(list == "org" && extra == ["--public"]) {
                    let out = folder.appending(path: "\(list)\(extra.joined()).xlsx").path
                    let export = try await govreg(["export", list, "--tenant", "langao", "--format", "xlsx", "--out", out] + extra)
                    #expect(export.status == 0 && export.stdout.contains("exported"), "\(list) \(extra): \(export.stderr)")
                    let sheet = try await workbookPart(out)
                    #expect(sheet.contains(#"state="frozen""#) && sheet.contains("<autoFilter ref=\"A1:"), "\(list) \(extra)")
                    #expect(!sheet.contains("<f>"))
                }
            }
            // Resources: R1's capacity is money (style 4, two decimals), its dates are dates
            // (style 2; 2024-01-01 is day 45292), R2's capacity a whole number of hours.
            let resources = try await workbookPart(folder.appending(path: "resources.xlsx").path)
            #expect(resources.contains(#"<c r="G2" s="4"><v>10000.00</v></c>"#), "\(resources)")
            #expect(resources.contains(#"<c r="K2" s="2"><v>45292</v></c>"#))
            #expect(resources.contains(#"<c r="G3" s="5"><v>200</v></c>"#))
            #expect(resources.contains(#"<c r="A1" t="inlineStr" s="1"><is><t>external_id</t></is></c>"#))
            let chinese = try await workbookPart(folder.appending(path: "resources--headerzh.xlsx").path)
            #expect(chinese.contains("<t>资源编号</t>") && chinese.contains("<t>元</t>"))
            // Members: the phone and identity card numbers stay text, every digit kept.
            let members = try await workbookPart(folder.appending(path: "members.xlsx").path)
            #expect(members.contains(#"<c r="C2" t="inlineStr"><is><t>13711112222</t></is></c>"#))
            #expect(members.contains("<t>11010519491231002X</t>"))
            let book = try await workbookPart(folder.appending(path: "resources.xlsx").path, "xl/workbook.xml")
            #expect(book.contains(#"<sheet name="资源 resources""#))
        }
    }

    @Test func aWorkbookFromUserTextHoldsNoFormulaAndImportsBackUnchanged() async throws {
        try await withGovreg { govreg, folder in
            try await district("langao", "610925", lists: true, govreg, folder)
            let formula = #"=HYPERLINK("http://evil.example","点我")"#
            let added = try await govreg([
                "demand", "add", "--tenant", "langao", "--title", formula, "--description=-1+1 & <b>'x'</b>\n@第二行",
                "--category", "roads", "--org-code", "C1", "--quantity", "3", "--measure-unit", "件", "--external-id", "D-X",
            ])
            #expect(added.status == 0, "\(added.stderr)")
            let out = folder.appending(path: "demands.xlsx").path
            #expect(try await govreg(["export", "demands", "--tenant", "langao", "--format", "xlsx", "--out", out]).status == 0)
            let sheet = try await workbookPart(out)
            #expect(!sheet.contains("<f>"))
            #expect(sheet.contains(#"t="inlineStr"><is><t>=HYPERLINK(&quot;http://evil.example&quot;,&quot;点我&quot;)</t></is></c>"#))
            #expect(sheet.contains("<t xml:space=\"preserve\">-1+1 &amp; &lt;b&gt;&apos;x&apos;&lt;/b&gt;\n@第二行</t>"))

            // Back in through the import: the same demand, unchanged.
            let again = try await govreg(["import", "demands", out, "--tenant", "langao", "--json"])
            #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
            #expect((try? object(again))?["unchanged"] as? Int == 1, "\(again.stdout)")
        }
    }

    @Test func aWorkbookGoesToARedirectedStdoutButNeverToATerminalOrAMissingFolder() async throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "govreg-xlsx-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await TestDatabase.withFresh { configuration in
            let environment = ProcessInfo.processInfo.environment.filter { $0.key.hasPrefix("PG") }
            let common = ["--database-url", configuration.connectionString, "--migrations", TestDatabase.shippedMigrations.path]
            let govreg: Govreg = { arguments in try await GovregProcess.run(arguments + common, environment: environment) }
            #expect(try await govreg(["db", "migrate"]).status == 0)
            try await district("langao", "610925", lists: true, govreg, folder)
            let quoted = common.map { "'\($0)'" }.joined(separator: " ")

            // Redirected to a file: the workbook, byte for byte the one --out writes.
            let filed = folder.appending(path: "file.xlsx").path
            #expect(try await govreg(["export", "resources", "--tenant", "langao", "--format", "xlsx", "--out", filed]).status == 0)
            let piped = folder.appending(path: "piped.xlsx").path
            #expect(try shell("\"$0\" export resources --tenant langao --format xlsx \(quoted) > '\(piped)' 2>/dev/null") == 0)
            #expect(try Data(contentsOf: URL(filePath: piped)) == Data(contentsOf: URL(filePath: filed)))

            // A folder that does not exist: a clear refusal, and no file.
            let missing = folder.appending(path: "no-such-folder/r.xlsx").path
            let refused = try await govreg(["export", "resources", "--tenant", "langao", "--format", "xlsx", "--out", missing])
            #expect(refused.status != 0 && refused.stderr.contains("cannot write"), "\(refused.stderr)")
            #expect(!FileManager.default.fileExists(atPath: missing))

            // A terminal: refused before anything is read (script(1) gives the command a tty).
            if FileManager.default.isExecutableFile(atPath: "/usr/bin/script") {
                let printed = folder.appending(path: "tty.txt").path
                let status = try shell("script -qec \"'$0' export resources --tenant langao --format xlsx \(quoted)\" /dev/null > '\(printed)'")
                let text = (try? String(contentsOfFile: printed, encoding: .utf8)) ?? ""
                #expect(status != 0 && text.contains("--out FILE.xlsx"), "\(text)")
            }
        }
    }
}
