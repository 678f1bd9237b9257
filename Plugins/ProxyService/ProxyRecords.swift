public import Registry

/// A request to take (受理): which item, where, which agent, for whom, and the documents the
/// resident handed over on the spot.
public struct RequestDraft: Sendable, Hashable {
    public var itemCode: String
    public var placeCode: String
    public var agent: String
    public var residentName: PersonalName
    public var residentPhone: PhoneNumber?
    public var receivedOn: CivilDate
    /// Checklist documents received on `receivedOn`, by name.
    public var documentsReceived: [String]
    public var note: String?

    public init(itemCode: String, placeCode: String, agent: String, residentName: PersonalName, residentPhone: PhoneNumber? = nil,
                receivedOn: CivilDate, documentsReceived: [String] = [], note: String? = nil) {
        self.itemCode = itemCode
        self.placeCode = placeCode
        self.agent = agent
        self.residentName = residentName
        self.residentPhone = residentPhone
        self.receivedOn = receivedOn
        self.documentsReceived = documentsReceived
        self.note = note
    }
}

/// A request as lists show it: the resident masked (张*, 138****5678).
public struct ProxyRequest: Sendable, Hashable, Codable {
    public var id: Int64
    public var itemCode: String
    public var itemName: String
    public var level: ServiceLevel
    public var department: String
    public var placeCode: String
    public var placeName: String
    public var agent: String
    /// Masked: 张*.
    public var resident: String
    /// Masked: 138****5678.
    public var residentPhone: String?
    public var step: RequestStep
    public var receivedOn: CivilDate
    public var dueOn: CivilDate
    public var submittedOn: CivilDate?
    public var completedOn: CivilDate?
    public var refusedOn: CivilDate?
    public var refusalReason: String?
    public var returnedOn: CivilDate?
    public var note: String?
    public var documents: [RequestDocument]

    /// Checklist documents not received yet.
    public var missingDocuments: [String] { documents.filter { $0.receivedOn == nil }.map(\.name) }
    /// The day the department decided (completed or refused).
    public var decidedOn: CivilDate? { completedOn ?? refusedOn }
}

/// One checklist document of a request: when the agent received it, and when it went back.
public struct RequestDocument: Sendable, Hashable, Codable {
    public var name: String
    public var receivedOn: CivilDate?
    public var returnedOn: CivilDate?
}

/// The module's report section for a period: requests received in it, what became of them.
public struct ProxyServiceSummary: Sendable, Hashable, Codable {
    public struct ItemCount: Sendable, Hashable, Codable {
        public var code: String
        public var name: String
        public var requests: Int
    }

    public var localName: String
    public var from: CivilDate
    public var to: CivilDate
    /// The catalogue, as it stands.
    public var townItems: Int
    public var villageItems: Int
    public var requests: Int
    /// The items asked for most, most first (at most five).
    public var topItems: [ItemCount]
    /// Decided by the department (completed or refused) among the period's requests.
    public var decided: Int
    public var completed: Int
    public var refused: Int
    /// Decided on or before the deadline.
    public var decidedOnTime: Int
    public var returned: Int
    /// Open on `to` with the deadline passed.
    public var overdue: Int
    /// The median of calendar days from received to decided; nil when none was decided.
    public var medianDays: Double?

    /// decidedOnTime / decided, 0 when none was decided.
    public var onTimeShare: Double { decided == 0 ? 0 : Double(decidedOnTime) / Double(decided) }
}
