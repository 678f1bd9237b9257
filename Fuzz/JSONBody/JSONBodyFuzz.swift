import APISchema
import Foundation
import Registry

/// What must hold for any bytes at all sent as a JSON request body: the API's reading of it
/// (``JSONBody``, the server's own code) never crashes or hangs, refuses only with a
/// ``BodyRefusal`` whose every problem names a field, and what it accepts really keeps to the
/// schema the OpenAPI document publishes, as judged by a second, deliberately simple reading
/// (``Loose``) of the same bytes. The first byte picks the schema; the rest is the body.
enum JSONBodyProperty {
    /// The bodies of the three lists' create routes (from the fields' declarations, as the
    /// API builds them) and one schema with every kind the document uses.
    static let schemas: [Schema] = [
        Schema.body(DemandDraft.Field.all, extra: [("submit", .boolean())]),
        Schema.body(ResourceDraft.Field.all, extra: [("offered", .boolean())]),
        Schema.body(ProjectDraft.Field.all),
        .object([
            ("day", .string(format: "date")),
            ("scores", .array(.integer(minimum: 1, maximum: 5))),
            ("choice", .string(values: ["甲", "b"])),
            ("channel", .string(pattern: SourceChannel.codePattern)),
            ("note", .string(maxLength: 3)),
            ("inner", .object([("flag", .boolean()), ("name", .string(maxLength: 100))], required: ["flag"])),
        ], required: ["note"]),
    ]

    static func check(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        let schema = schemas[Int(first) % schemas.count]
        let body = Data(bytes.dropFirst())
        do {
            _ = try JSONBody.decode(BodyCheck.self, from: body, schema: schema)
            // Accepted: the body must keep to the schema, read independently.
            guard let value = try? JSONDecoder().decode(Loose.self, from: body) else {
                fatalError("accepted a body that does not parse: \(String(decoding: body, as: UTF8.self))")
            }
            if let broken = value.breaks(schema, at: "") {
                fatalError("accepted \(broken) in \(String(decoding: body, as: UTF8.self))")
            }
        } catch let refusal as BodyRefusal {
            if case .invalid(let errors) = refusal {
                if errors.isEmpty { fatalError("a refusal that names nothing") }
                for error in errors where !(error.field.isEmpty || error.field.unicodeScalars.first == "/") || error.detail.isEmpty {
                    fatalError("a problem without a JSON Pointer or words: \(error)")
                }
            }
        } catch {
            fatalError("an error the API would answer with 500: \(error)")
        }
        // The same bytes as a query parameter's text, against each of the schema's text fields.
        let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
        if case .object(let properties, _, _) = schema {
            for (name, property) in properties {
                let problems = BodyCheck.problems(query: text, against: property, name: name)
                if problems.contains(where: { $0.field != "query:\(name)" }) { fatalError("a query problem named another field") }
                if problems.isEmpty, case .string = property, let broken = Loose.string(text).breaks(property, at: name) {
                    fatalError("accepted the query text \(broken)")
                }
            }
        }
    }
}

/// Any JSON value, read without a schema: the second opinion.
indirect enum Loose: Decodable {
    case string(String), integer(Int64), number(Double), boolean(Bool), null
    case array([Loose]), object([String: Loose])

    init(from decoder: any Decoder) throws {
        let value = try decoder.singleValueContainer()
        if value.decodeNil() { self = .null }
        else if let flag = try? value.decode(Bool.self) { self = .boolean(flag) }
        else if let number = try? value.decode(Int64.self) { self = .integer(number) }
        else if let number = try? value.decode(Double.self) { self = .number(number) }
        else if let text = try? value.decode(String.self) { self = .string(text) }
        else if let list = try? value.decode([Loose].self) { self = .array(list) }
        else { self = .object(try value.decode([String: Loose].self)) }
    }

    /// What of this value breaks `schema` (at `path`), or nil when it keeps to it.
    func breaks(_ schema: Schema, at path: String) -> String? {
        switch (schema, self) {
        case (.object(let properties, let required, _), .object(let fields)):
            guard !properties.isEmpty else { return nil }
            let known = Dictionary(properties, uniquingKeysWith: { a, _ in a })
            for name in required where fields[name] == nil || fields[name].map({ if case .null = $0 { true } else { false } }) == true {
                return "\(path)/\(name) missing"
            }
            for (name, field) in fields {
                guard let property = known[name] else { return "\(path)/\(name) unknown" }
                if case .null = field { continue }
                if let broken = field.breaks(property, at: "\(path)/\(name)") { return broken }
            }
            return nil
        case (.array(let items, _), .array(let list)):
            return list.enumerated().lazy.compactMap { $0.element.breaks(items, at: "\(path)/\($0.offset)") }.first
        case (.string(let format, let values, let maxLength, _, _), .string(let text)):
            if text.unicodeScalars.contains("\0") { return "\(path) with NUL" }
            if let maxLength, text.unicodeScalars.count > maxLength { return "\(path) over \(maxLength)" }
            if let values, !values.contains(text) { return "\(path) not listed" }
            if format == "date", (try? CivilDate(text)) == nil { return "\(path) not a day" }
            return nil
        case (.integer(let minimum, let maximum, _), .integer(let number)):
            if let minimum, number < minimum { return "\(path) under \(minimum)" }
            if let maximum, number > maximum { return "\(path) over \(maximum)" }
            return nil
        case (.boolean, .boolean), (.reference, _):
            return nil
        default:
            return "\(path) of the wrong type"
        }
    }
}

#if FUZZING
/// libFuzzer's entry point (`scripts/fuzz json`, which links libFuzzer's own `main`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONBody(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    JSONBodyProperty.check(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}
#else
/// Without libFuzzer (an ordinary build): replays files, the seed corpus or a crash found,
/// through the same check.
@main enum ReplayJSONBodyInputs {
    static func main() throws {
        for path in CommandLine.arguments.dropFirst() {
            let url = URL(filePath: path)
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
            let files = isFolder.boolValue ? try FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil) : [url]
            for file in files { JSONBodyProperty.check(Array(try Data(contentsOf: file))) }
            print("\(files.count) input(s) from \(path): no failure")
        }
    }
}
#endif
