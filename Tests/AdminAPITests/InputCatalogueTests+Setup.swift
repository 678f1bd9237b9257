import Foundation
import HTTPTypes
import HummingbirdTesting
import Postgres
import RedProperty
import Registry
import RegistryStore
import Testing

/// What a baseline request needs made first, through the API as a district admin would,
/// numbered by `serial` so that what one request makes never collides with another's.
struct Setup: Sendable {
    let f: APIFixture
    let client: any TestClientProtocol
    let serial: Int

    /// Sends a request the setup needs, which must succeed.
    @discardableResult
    func send(_ method: HTTPRequest.Method, _ path: String, _ json: String = "{}", as role: String = "admin") async throws -> APIReply {
        let reply = try await client.send(method, "/v1/tenants/langao" + path, as: role, f, json: json)
        try #require((200..<300).contains(reply.status.code), "setup \(method) \(path): \(reply.status) \(reply.text.prefix(300))")
        return reply
    }

    /// A demand (housing repair at G11) filed as `D-serial`, moved through `states`.
    func demand(_ states: [String] = []) async throws -> (id: Int, externalID: String, etag: String) {
        let externalID = "D-\(serial)"
        var reply = try await send(.post, "/demands", """
            {"external_id": "\(externalID)", "title": "屋顶漏水", "category": "housing_repair", "org_code": "G11",
             "quantity": {"amount": "1.00", "unit": "yuan"}}
            """)
        let id = try #require((reply.json["demand"] as? [String: Any])?["id"] as? Int)
        for state in states {
            let rating = state == "rated" ? #", "rating": {"score": 5}"# : ""
            reply = try await send(.post, "/demands/\(id)/transitions", #"{"to": "\#(state)"\#(rating)}"#)
        }
        return (id, externalID, reply.headers[.eTag] ?? "")
    }

    /// A project `P-serial` for an accepted demand of its own, by U1, moved through `moves`.
    func project(_ moves: [String] = []) async throws -> String {
        let demand = try await self.demand(["accepted"])
        let key = "P-\(serial)"
        try await send(.post, "/projects", #"{"external_id": "\#(key)", "title": "修补屋顶", "responsible_unit": "U1", "demands": ["\#(demand.externalID)"]}"#)
        for move in moves { try await send(.post, "/projects/\(key)/transitions", #"{"to": "\#(move)"}"#) }
        return key
    }

    /// A resource `RW-serial` of U1 (¥1,000 of funds), for a request that changes it for good.
    func resource() async throws -> String {
        let key = "RW-\(serial)"
        try await send(.post, "/resources", """
            {"external_id": "\(key)", "unit": "U1", "title": "维修资金", "category": "housing_repair", "kind": "funds",
             "capacity": "1000.00", "measure_unit": "yuan"}
            """)
        return key
    }

    /// An accepted matching run over a demand and a resource of its own (housing repair,
    /// yuan): the run's number.
    func acceptedRun() async throws -> Int {
        _ = try await demand(["accepted"])
        _ = try await resource()
        let run = try await send(.post, "/matching/runs", #"{"category": "housing_repair"}"#)
        let id = try #require(run.json["id"] as? Int)
        try await send(.post, "/matching/runs/\(id)/accept")
        return id
    }

    /// A bench talk at C1 with one topic: the topic's id.
    func topic() async throws -> Int {
        let meeting = try await send(.post, "/modules/bench_talk/meetings", #"{"held_on": "2024-05-01", "place_code": "C1", "host": "王书记", "topics": ["路灯不亮"]}"#)
        return try #require((meeting.json["topics"] as? [[String: Any]])?.first?["id"] as? Int)
    }

    /// A property problem in the compound X1, moved through `moves` (`escalation`, `response`).
    func problem(_ moves: [String] = []) async throws -> Int {
        let problem = try await send(.post, "/modules/red_property/problems", #"{"compound": "X1", "title": "电梯异响", "source": "resident"}"#)
        let id = try #require(problem.json["id"] as? Int)
        for move in moves {
            try await send(.post, "/modules/red_property/problems/\(id)/\(move)", move == "response" ? #"{"response": "已派人"}"# : "{}")
        }
        return id
    }

    /// A mediation case at C1 with one party: the case's id.
    func mediationCase() async throws -> Int {
        let opened = try await send(.post, "/modules/mediation_room/cases", Self.mediationCase)
        return try #require(opened.json["id"] as? Int)
    }

    static let mediationCase = """
        {"place_code": "C1", "title": "邻里漏水纠纷", "grade": "general", "mediator": "李调解员", "opened_on": "2024-05-01",
         "parties": [{"role": "applicant", "name": "张三", "phone": "13800138000"}]}
        """

    /// Every text of a stored row, read as the owner: for what an answer masks.
    func storedTexts(_ sql: String) async throws -> [String] {
        let rows = try await f.database.operatorPool.query("SELECT to_jsonb(x)::text AS row FROM (\(unsafeRaw: sql)) x")
        return try rows.flatMap { row in
            InputCatalogueTests.texts(in: try JSONSerialization.jsonObject(with: Data(try row.decode(String.self, "row").utf8)))
        }
    }
}

extension RouteBaseline {
    /// What every baseline may refer to, made once: the compound X1 under G11, the units U1
    /// (a department contracting C1 and C2) and UP (the property company of X1), the
    /// resource R1 (¥100,000 of housing repair from U1), and the three shipped modules
    /// enabled for langao (they are registered but off until a district enables them).
    static func furnish(_ f: APIFixture, _ client: any TestClientProtocol) async throws {
        let files = [
            ("org", "code,name,kind,parent_code\nX1,幸福小区,compound,G11\n"),
            ("units", "external_id,name,kind,communities\nU1,县住建局,department,C1;C2\nUP,和美物业,property_company,C1\n"),
            ("resources", "external_id,unit,title,category,kind,capacity,measure_unit\nR1,U1,维修资金,housing_repair,funds,100000,yuan\n"),
        ]
        for (list, csv) in files {
            let reply = try await client.send(.post, "/v1/tenants/langao/imports/\(list)", as: "admin", f, json: csv, headers: ["Content-Type": "text/csv"])
            try #require(reply.status == .ok, "\(list): \(reply.text)")
        }
        for module in ["bench_talk", "red_property", "mediation_room"] {
            let reply = try await client.send(.put, "/v1/tenants/langao/modules/\(module)", as: "admin", f, json: "{}")
            try #require(reply.status == .ok, "\(module): \(reply.text)")
        }
        try await f.database.withTenant(f.langao, actor: "test:catalogue") { tx in
            try await RedPropertyStore.assign(compound: "X1", company: "UP", in: tx)
        }
    }
}
