import Foundation
import Postgres
import RegistryStore

/// The district's demand categories as Open311 services, and the one rule for their
/// attributes.
///
/// The rule: Open311's core fields carry a category (`service_code`), a text and a place
/// given as coordinates or an address, but our intake needs the org unit a demand is filed
/// under, which no coordinates resolve here (govreg keeps no map), and a quantity. So every
/// service asks for `org_code` (required; an `address_id` that is an org unit's code stands
/// in for it) and offers `quantity` (optional, 1 项 when not given). Every service therefore
/// has `metadata` true.
enum Open311Services {
    /// The attribute naming the org unit (社区/村 or 网格).
    static let orgCode = "org_code"
    /// The attribute giving the quantity, in jobs (项).
    static let quantity = "quantity"

    /// `GET services`: the categories the district shows (hidden ones are not offered).
    static func list(in tx: TenantTransaction) async throws -> Open311Document {
        let categories = try await CategoryStore.list(in: tx).filter { !$0.hidden }
        return Open311Document(root: "services", value: .list(element: "service", categories.map { category in
            .record([
                ("service_code", .text(category.code)),
                ("service_name", .text(category.nameZh)),
                ("description", .text("\(category.nameZh) \(category.nameEn)：向社区反映的需求 a need reported to the community")),
                ("metadata", .boolean(true)),
                ("type", .text("realtime")),
                ("keywords", .text([category.code, category.nameEn, category.nameZh].joined(separator: ","))),
                ("group", .text("需求清单 demand list")),
            ])
        }))
    }

    /// The shown category `code`, or `nil`.
    static func category(_ code: String, in tx: TenantTransaction) async throws -> CategoryRecord? {
        try await CategoryStore.list(in: tx).first { $0.code == code && !$0.hidden }
    }

    /// `GET services/{code}`: the definition, with the communities and villages to choose
    /// from (the places the public site names; grid codes are accepted too).
    static func definition(_ code: String, in tx: TenantTransaction) async throws -> Open311Document {
        let places = try await tx.connection.query("""
            SELECT code, name FROM org_unit WHERE tenant_id = \(tx.tenantID) AND kind IN ('community', 'village') ORDER BY code
            """).map { (try $0.decode(String.self, "code"), try $0.decode(String.self, "name")) }
        let place: [(String, Open311Value)] = [
            ("variable", .boolean(true)), ("code", .text(orgCode)),
            ("datatype", .text(places.isEmpty ? "string" : "singlevaluelist")), ("required", .boolean(true)),
            ("datatype_description", .text("社区/村或网格的编码；address_id 为编码时可省 the code of the community, village or grid; may be left out when address_id is one")),
            ("order", .integer(1)), ("description", .text("所在社区或网格 Community or grid")),
            ("values", .list(element: "value", places.map { .record([("key", .text($0.0)), ("name", .text($0.1))]) })),
        ]
        let amount: [(String, Open311Value)] = [
            ("variable", .boolean(true)), ("code", .text(quantity)), ("datatype", .text("number")), ("required", .boolean(false)),
            ("datatype_description", .text("正整数，默认 1 a whole number of jobs (项), 1 when not given")),
            ("order", .integer(2)), ("description", .text("数量（项）Quantity (jobs)")),
            ("values", .list(element: "value", [])),
        ]
        return Open311Document(root: "service_definition", value: .record([
            ("service_code", .text(code)),
            ("attributes", .list(element: "attribute", [.record(place), .record(amount)])),
        ]))
    }
}
