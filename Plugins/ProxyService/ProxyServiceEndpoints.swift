import Foundation
import Postgres
import Registry
import RegistryStore

/// The proxy-service operations of the HTTP API (`…/modules/proxy_service/…`).
struct ProxyServiceEndpoints: ModuleEndpoints {
    struct Item: Decodable {
        var code: String
        var name: String
        var level: String
        var department: String
        var deadlineDays: Int
        var deadlineKind: String?
        var documents: [String]?
        enum CodingKeys: String, CodingKey { case code, name, level, department, deadlineDays = "deadline_days", deadlineKind = "deadline_kind", documents }
    }
    struct Catalogue: Decodable { var items: [Item] }
    static let itemFields: [ModuleEndpoint.Field] = [
        .init("code", .text, required: true, "The district's code for the item (letters, digits, _ . -)"),
        .init("name", .text, required: true, "事项名称, e.g. 城乡居民养老保险参保登记"),
        .init("level", .choice(ServiceLevel.allCases.map(\.rawValue)), required: true, "town 镇级 or village 村级"),
        .init("department", .text, required: true, "The department that decides it"),
        .init("deadline_days", .integer, required: true, "The deadline, 1–365 days"),
        .init("deadline_kind", .choice(DeadlineKind.allCases.map(\.rawValue)), "working (default) or calendar days"),
        .init("documents", .textList, "The documents the resident hands over"),
    ]
    struct Request: Decodable {
        var itemCode: String
        var placeCode: String
        var agent: String
        var residentName: PersonalName
        var residentPhone: PhoneNumber?
        var receivedOn: CivilDate
        var documents: [String]?
        var note: String?
        enum CodingKeys: String, CodingKey {
            case itemCode = "item_code", placeCode = "place_code", agent, residentName = "resident_name", residentPhone = "resident_phone"
            case receivedOn = "received_on", documents, note
        }
    }
    struct Documents: Decodable { var documents: [String]; var on: CivilDate? }
    struct Move: Decodable { var to: RequestStep; var reason: String?; var on: CivilDate? }

    var endpoints: [ModuleEndpoint] {
        [
            ModuleEndpoint(.get, "items", .read, summary: "服务事项目录 The catalogue of service items",
                           query: [.init("level", .choice(ServiceLevel.allCases.map(\.rawValue)), "town or village")]) { request in
                .json(try await ProxyServiceStore.items(level: try request.query("level", as: ServiceLevel.self), in: request.tx))
            },
            ModuleEndpoint(.post, "items", .admin, summary: "导入服务事项（全部成功或全部不写）Import catalogue items, all or nothing",
                           body: [.init("items", .objectList(Self.itemFields), required: true, "The items, matched on their code")]) { request in
                let input = try request.decode(Catalogue.self)
                let rows = input.items.enumerated().map { index, item in
                    ServiceItemRow(line: index + 1, code: item.code, name: item.name, level: item.level, department: item.department,
                                   deadlineDays: String(item.deadlineDays), deadlineKind: item.deadlineKind ?? "",
                                   documents: (item.documents ?? []).joined(separator: "\n"))
                }
                return .json(try await ProxyServiceStore.importItems(rows, in: request.tx))
            },
            ModuleEndpoint(.get, "requests", .read, summary: "代办件（群众信息已遮挡）Requests, newest first (residents masked)",
                           query: [.init("step", .choice(RequestStep.allCases.map(\.rawValue)), "The request's step"),
                                   .init("overdue_on", .date, "Open requests past their deadline on this day")]) { request in
                let step = try request.query("step", as: RequestStep.self)
                let overdue = try request.query["overdue_on"].map { try CivilDate($0) }
                return .json(try await ProxyServiceStore.requests(step: step, overdueOn: overdue, in: request.tx))
            },
            ModuleEndpoint(.get, "requests/{id}", .read, summary: "代办件详情 A request with its documents") { request in
                .json(try await ProxyServiceStore.request(try request.id(), in: request.tx))
            },
            ModuleEndpoint(.post, "requests", .write, summary: "受理代办 Take a request for a resident",
                           body: [.init("item_code", .text, required: true, "The service item's code"), .init("place_code", .text, required: true, "Org unit code"),
                                  .init(ProxyServiceFields.agent, required: true),
                                  .init("resident_name", .text, required: true, "The resident's name (masked in every list)"),
                                  .init("resident_phone", .text, "A phone number (masked in every list)"), .init("received_on", .date, required: true),
                                  .init("documents", .list(ProxyServiceFields.document), "Checklist documents handed over now"),
                                  .init(ProxyServiceFields.note)],
                           place: .bodyField("place_code")) { request in
                let input = try request.decode(Request.self)
                let draft = RequestDraft(itemCode: input.itemCode, placeCode: input.placeCode, agent: input.agent, residentName: input.residentName,
                                         residentPhone: input.residentPhone, receivedOn: input.receivedOn, documentsReceived: input.documents ?? [], note: input.note)
                return .json(try await ProxyServiceStore.receive(draft, in: request.tx), status: 201)
            },
            ModuleEndpoint(.post, "requests/{id}/documents", .write, summary: "补收材料 Tick checklist documents received",
                           body: [.init("documents", .list(ProxyServiceFields.document), required: true, "Documents received"), .init("on", .date)],
                           place: .record(requestPlace)) { request in
                let input = try request.decode(Documents.self)
                return .json(try await ProxyServiceStore.receiveDocuments(try request.id(), input.documents, on: input.on, in: request.tx), status: 201)
            },
            ModuleEndpoint(.post, "requests/{id}/moves", .write,
                           summary: "流转：受理 → 报送 → 办结/不予办理 → 送达 Move a request to its next step",
                           body: [.init("to", .choice(RequestStep.allCases.map(\.rawValue)), required: true, "The step it moves to"),
                                  .init(ProxyServiceFields.reason), .init("on", .date)],
                           place: .record(requestPlace)) { request in
                let input = try request.decode(Move.self)
                return .json(try await ProxyServiceStore.move(try request.id(), to: input.to, reason: input.reason, on: input.on, in: request.tx), status: 201)
            },
        ]
    }
}

/// The org unit where a request was taken: where writes on it happen.
@Sendable private func requestPlace(_ id: Int64, _ tx: TenantTransaction) async throws -> Int64? {
    try await tx.connection.query("SELECT org_unit_id FROM proxy_service_request WHERE tenant_id = \(tx.tenantID) AND id = \(id)")
        .first?.decode(Int64.self, "org_unit_id")
}
