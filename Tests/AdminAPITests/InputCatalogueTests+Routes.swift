import APISchema
@testable import AdminAPI
import Foundation
import HTTPTypes
import HummingbirdTesting
import Registry
import RegistryStore
import Testing

extension InputCatalogueTests {
    /// Room for the payloads: a body limit above one MiB, so that the one-MiB text reaches
    /// the field's own checks rather than stopping at the limit (``BadInputTests`` holds the
    /// limit), and a rate no test run reaches, as one token sends every request.
    static let roomy = APIConfiguration(bodyLimit: 4 << 20, rateBurst: 1_000_000, ratePerSecond: 1_000_000)

    /// Every JSON write route of the table, core and module: each text its body schema has
    /// (top level, in objects and in lists' first item), with each payload in place of that
    /// text in the route's baseline (``RouteBaseline/table``).
    @Test func everyTextOfEveryWriteRoute() async throws {
        try await APIFixture.with(configuration: Self.roomy) { f, client in
            try await RouteBaseline.furnish(f, client)
            let routes = APIRouteTable.v1(modules: f.database.modules).routes.filter {
                [.post, .put, .patch].contains($0.method) && $0.bodyKind == .json && $0.access != .anyone
            }
            var serial = 0, stored = 0, refused = 0
            var walked: Set<String> = []
            for route in routes {
                let key = "\(route.method) \(route.path)"
                let paths = route.body.map { Self.textPaths($0) } ?? []
                guard !paths.isEmpty else { continue }
                // A route added later has no baseline yet: it is added to the table, not skipped.
                guard let variants = RouteBaseline.table[key] else {
                    Issue.record("\(key) takes text (\(paths.joined(separator: ", "))) but has no baseline in RouteBaseline.table")
                    continue
                }
                walked.insert(key)
                var reached: Set<String> = []
                for variant in variants {
                    serial += 1
                    var request = try await variant.prepare(Setup(f: f, client: client, serial: serial))
                    // The baseline itself is stored: else every refusal below would be its own.
                    let plain = try await client.send(route.method, request.uri, as: variant.role, f, json: request.body, headers: request.headers)
                    try #require((200..<300).contains(plain.status.code), "\(key) baseline: \(plain.status) \(plain.text.prefix(500))")
                    var fresh = false
                    // Each text once per route: the first variant that answers for it takes it.
                    for path in paths where !reached.contains(path) && variant.covers?.contains(path) ?? true {
                        guard Self.body(request.body, replacing: path, with: "null") != nil else { continue }
                        reached.insert(path)
                        for payload in Self.payloads {
                            // A success may have used the setup up (a demand moved on): make it anew.
                            if !fresh {
                                serial += 1
                                request = try await variant.prepare(Setup(f: f, client: client, serial: serial))
                                fresh = true
                            }
                            let body = try #require(Self.body(request.body, replacing: path, with: payload.json))
                            let setup = Setup(f: f, client: client, serial: serial)
                            if try await Self.send(body, as: request, of: route, by: variant, at: path, payload, setup) {
                                stored += 1
                                fresh = false
                            } else {
                                refused += 1
                            }
                        }
                    }
                }
                let unreached = Set(paths).subtracting(reached)
                #expect(unreached.isEmpty, "\(key): no baseline reaches \(unreached.sorted())")
            }
            // A baseline whose route went away (or lost its text) goes too.
            #expect(Set(RouteBaseline.table.keys) == walked, "baselines of no route: \(Set(RouteBaseline.table.keys).subtracting(walked).sorted())")
            #expect(stored > 100 && refused > 500, "stored \(stored), refused \(refused)")
        }
    }

    /// Sends `body` in place of `request`'s and holds the answer to the catalogue's rule: a
    /// success stored the payload as sent, a refusal is a 4xx naming the field (when it is a
    /// 422) that wrote nothing; never a 500. Returns whether it was a success.
    static func send(
        _ body: String, as request: RouteBaseline.Request, of route: APIRoute, by variant: RouteBaseline, at path: String,
        _ payload: (name: String, json: String), _ setup: Setup
    ) async throws -> Bool {
        let what = "\(route.method) \(route.path) \(path) ← \(payload.name)"
        let before = try await setup.f.fingerprint()
        let reply = try await setup.client.send(route.method, request.uri, as: variant.role, setup.f, json: body, headers: request.headers)
        #expect(reply.status.code < 500, "\(what): \(reply.status) \(reply.text.prefix(300))")
        if (200..<300).contains(reply.status.code) {
            let sent = try #require(Self.decoded(payload.json), "\(what): a lone surrogate was stored")
            let texts = try await variant.readBack?(setup, reply)
                ?? Self.texts(in: (try? JSONSerialization.jsonObject(with: Data(reply.text.utf8))) ?? [:])
            #expect(texts.contains { Self.same($0, Self.expected(sent)) }, "\(what): stored, but not read back as sent \(Self.shown(sent))")
            return true
        }
        #expect((400..<500).contains(reply.status.code), "\(what): \(reply.status)")
        if reply.status == .unprocessableContent {
            #expect(reply.fieldErrors.contains { Self.names($0, path) }, "\(what): \(reply.fieldErrors) \(reply.text.prefix(300))")
        }
        let after = try await setup.f.fingerprint()
        #expect(after == before, "\(what): a refusal wrote \(changedTables(before, after))")
        return false
    }

    /// The JSON Pointers of the strings in `schema`; a list's at its first item.
    static func textPaths(_ schema: Schema, at path: String = "") -> [String] {
        switch schema {
        case .string: [path]
        case .object(let properties, _, _): properties.flatMap { textPaths($0.1, at: path + "/" + $0.0) }
        case .array(let items, _): textPaths(items, at: path + "/0")
        case .integer, .boolean, .reference: []
        }
    }

    /// Whether a problem's field names `path`: the field itself, or the object or list it is
    /// in (a problem with a list's item may name the list).
    static func names(_ field: String, _ path: String) -> Bool {
        field == path || (!field.isEmpty && path.hasPrefix(field + "/"))
    }

    /// `body` (a JSON object) with the value at `path` replaced by the JSON text `json`, or
    /// nil when the body has no object or list on the way there (a top-level key is added).
    static func body(_ body: String, replacing path: String, with json: String) -> String? {
        let marker = "catalogue-payload-7f3a9c"
        guard let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)),
              let replaced = replacing(path.split(separator: "/").map(String.init), in: object, with: marker),
              let data = try? JSONSerialization.data(withJSONObject: replaced) else { return nil }
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\"\(marker)\"", with: json)
    }

    private static func replacing(_ path: [String], in value: Any, with marker: String) -> Any? {
        guard let step = path.first else { return marker }
        let rest = Array(path.dropFirst())
        if var object = value as? [String: Any] {
            if rest.isEmpty {
                object[step] = marker
                return object
            }
            guard let inner = object[step], let replaced = replacing(rest, in: inner, with: marker) else { return nil }
            object[step] = replaced
            return object
        }
        if var list = value as? [Any], let index = Int(step), list.indices.contains(index),
           let replaced = replacing(rest, in: list[index], with: marker) {
            list[index] = replaced
            return list
        }
        return nil
    }
}
