@testable import AdminAPI
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Postgres
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension InputCatalogueTests {
    /// What a cell can carry: each payload but the lone surrogates (UTF-8 has no form for
    /// them), and formulas, which the importer stores as written, and as the exporter defused
    /// them (an apostrophe before a trigger, ``FormulaGuard``), given back as they were.
    static let cells: [(name: String, cell: String, stored: String)] = payloads.compactMap { payload in
        decoded(payload.json).map { (payload.name, $0, expected($0)) }
    } + [
        ("formula =1+1", "=1+1", "=1+1"),
        ("formula @SUM", "@SUM(1)", "@SUM(1)"),
        ("defused formula", "'=1+1", "=1+1"),
        ("defused @", "'@SUM(1)", "@SUM(1)"),
        // A leading tab is white space, which the readers trim; the defused form is the same after.
        ("leading tab", "\t=1+1", "=1+1"),
        ("defused leading tab", "'\t=1+1", "=1+1"),
        ("an apostrophe of the file's own", "'路灯", "'路灯"),
    ]

    /// Every list's import file (``ImportBaseline/table``): each text column with each cell,
    /// then the whole file as spreadsheets save it (BOMs, GB18030, CRLF) or damage it
    /// (invalid UTF-8, a line in another encoding).
    @Test func everyTextOfEveryImportFile() async throws {
        try await APIFixture.with(configuration: Self.roomy) { f, client in
            try await RouteBaseline.furnish(f, client)
            var serial = 0, stored = 0, refused = 0
            for list in ImportRoutes.lists {
                guard let variants = ImportBaseline.table[list] else {
                    Issue.record("the \(list) file has no baseline in ImportBaseline.table")
                    continue
                }
                let header = try #require(ImportBaseline.headers[list], "no header for \(list)")
                let said = Set(variants.flatMap { $0.texts.keys }).union(ImportBaseline.notText[list] ?? [])
                #expect(Set(header).subtracting(said).isEmpty, "\(list): columns neither text nor listed as not: \(Set(header).subtracting(said).sorted())")
                var tried: Set<String> = []
                for variant in variants {
                    func row() async throws -> [String: String] {
                        serial += 1
                        return try await variant.prepare(Setup(f: f, client: client, serial: serial))
                    }
                    let plain = try await client.send("/v1/tenants/langao/imports/\(list)", as: "admin", f, file: Data(variant.csv(try await row()).utf8))
                    try #require(plain.status == .ok, "\(list) baseline: \(plain.text.prefix(500))")
                    for (column, storedAs) in variant.texts.sorted(by: { $0.key < $1.key }) where !tried.contains(column) {
                        tried.insert(column)
                        var values = try await row()
                        for cell in Self.cells {
                            // A key made unique, so that two cells stored as one text (=1+1 and its
                            // defused '=1+1) make two rows rather than an update of the first.
                            let unique = column == variant.key ? "-\(serial)" : ""
                            values[column] = cell.cell + unique
                            let file = Data(variant.csv(values).utf8)
                            if try await Self.send(file, to: list, by: variant, at: column, cell.name, storedAs: storedAs, cell.stored + unique, f, client) {
                                stored += 1
                                values = try await row()
                            } else {
                                refused += 1
                            }
                        }
                    }
                }
                try await Self.wholeFiles(list, variants[0], f, client, serial: &serial)
            }
            #expect(Set(ImportBaseline.table.keys) == Set(ImportRoutes.lists), "baselines of no list")
            #expect(stored > 100 && refused > 200, "stored \(stored), refused \(refused)")
        }
    }

    /// Imports `file`, whose `column` holds the cell `name`, and holds the answer to the
    /// catalogue's rule: a success stored `expected` where `storedAs` reads, a refusal is a
    /// 422 naming the line and column that wrote nothing; never a 500. Returns whether it
    /// was a success.
    static func send(
        _ file: Data, to list: String, by variant: ImportBaseline, at column: String, _ name: String, storedAs: String?,
        _ expected: String, _ f: APIFixture, _ client: any TestClientProtocol
    ) async throws -> Bool {
        let what = "\(list) \(column) ← \(name)"
        let before = try await f.fingerprint()
        let reply = try await client.send("/v1/tenants/langao/imports/\(list)", as: "admin", f, file: file)
        #expect(reply.status.code < 500, "\(what): \(reply.status) \(reply.text.prefix(300))")
        if reply.status == .ok {
            if let storedAs {
                #expect(try await variant.holds(storedAs, expected, f), "\(what): stored, but not as sent \(Self.shown(expected))")
            } else {
                Issue.record("\(what): stored, where no text alone is valid")
            }
            return true
        }
        #expect(reply.status == .unprocessableContent, "\(what): \(reply.status) \(reply.text.prefix(300))")
        #expect(reply.fieldErrors.contains { $0.hasPrefix("line:2/column:\(column)") }, "\(what): \(reply.fieldErrors)")
        let after = try await f.fingerprint()
        #expect(after == before, "\(what): a refusal wrote \(changedTables(before, after))")
        return false
    }

    /// The baseline's file as spreadsheets save it, each imported with its first text read
    /// back; and damaged, each refused naming the line.
    static func wholeFiles(
        _ list: String, _ variant: ImportBaseline, _ f: APIFixture, _ client: any TestClientProtocol, serial: inout Int
    ) async throws {
        let uri = "/v1/tenants/langao/imports/\(list)"
        let saved: [(name: String, bytes: ([String: String]) -> [UInt8])] = [
            ("UTF-8 with BOM", { [0xEF, 0xBB, 0xBF] + Array(variant.csv($0).utf8) }),
            ("GB18030", { gb18030(variant.csv($0)) }),
            ("GB18030 with its BOM", { [0x84, 0x31, 0x95, 0x33] + gb18030(variant.csv($0)) }),
            ("CRLF line ends", { Array(variant.csv($0, lineEnd: "\r\n").utf8) }),
        ]
        for file in saved {
            serial += 1
            let values = try await variant.prepare(Setup(f: f, client: client, serial: serial))
            let reply = try await client.send(uri, as: "admin", f, file: Data(file.bytes(values)))
            #expect(reply.status == .ok, "\(list) \(file.name): \(reply.status) \(reply.text.prefix(300))")
            let primary = try #require(variant.texts[variant.primary] ?? nil)
            #expect(try await variant.holds(primary, try #require(values[variant.primary]), f), "\(list) \(file.name): not read back")
        }
        serial += 1
        let values = try await variant.prepare(Setup(f: f, client: client, serial: serial))
        let text = variant.csv(values)
        let lines = text.split(separator: "\n").map { String($0) + "\n" }
        // Both damages need Chinese in the row: a line of ASCII is the same in either encoding.
        try #require(lines[1].utf8.contains { $0 >= 0xE0 }, "\(list): the baseline row has no Chinese text")
        let damaged: [(name: String, bytes: [UInt8], line: Int)] = [
            // A byte no encoding has (0xFF) before each of the row's Chinese characters.
            ("invalid UTF-8 in a cell", Array(lines[0].utf8) + Array(lines[1].utf8).flatMap { $0 >= 0xE0 ? [0xFF, $0] : [$0] }, 2),
            ("a GB18030 line in a UTF-8 file", Array(text.utf8) + gb18030(lines[1]), 3),
        ]
        for file in damaged {
            let before = try await f.fingerprint()
            let reply = try await client.send(uri, as: "admin", f, file: Data(file.bytes))
            #expect(reply.status == .unprocessableContent, "\(list) \(file.name): \(reply.status) \(reply.text.prefix(300))")
            #expect(reply.fieldErrors.contains { $0.hasPrefix("line:\(file.line)") }, "\(list) \(file.name): \(reply.fieldErrors)")
            let after = try await f.fingerprint()
            #expect(after == before, "\(list) \(file.name): a refusal wrote \(changedTables(before, after))")
        }
    }

    /// `text` in GB18030, as Chinese Excel saves CSV, converted by the C library's iconv.
    static func gb18030(_ text: String) -> [UInt8] {
        let descriptor = iconv_open("GB18030", "UTF-8")
        precondition(descriptor != iconv_t(bitPattern: -1), "iconv cannot write GB18030 here")
        defer { iconv_close(descriptor) }
        var input = Array(text.utf8).map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: input.count * 2 + 16)
        let written = input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                var inputNext = inputBuffer.baseAddress, inputLeft = inputBuffer.count
                var outputNext = outputBuffer.baseAddress, outputLeft = outputBuffer.count
                let result = iconv(descriptor, &inputNext, &inputLeft, &outputNext, &outputLeft)
                precondition(result != -1 && inputLeft == 0, "iconv stopped at \(inputBuffer.count - inputLeft)")
                return outputBuffer.count - outputLeft
            }
        }
        return output.prefix(written).map { UInt8(bitPattern: $0) }
    }
}

extension TestClientProtocol {
    /// Posts a file's bytes, as they are, to an import route.
    func send(_ uri: String, as token: String, _ fixture: APIFixture, file: Data) async throws -> APIReply {
        var fields = HTTPFields()
        fields[.authorization] = "Bearer \(fixture.tokens[token] ?? token)"
        fields[.contentType] = "text/csv"
        return try await execute(uri: uri, method: .post, headers: fields, body: ByteBuffer(bytes: file)) { response in
            APIReply(status: response.status, headers: response.headers, text: String(buffer: response.body))
        }
    }
}
