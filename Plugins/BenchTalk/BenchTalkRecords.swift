public import Registry

/// A bench talk to record: when, where (an org code), who hosted, how many came, photos
/// (links) and the topics raised.
public struct MeetingDraft: Sendable, Hashable {
    public var heldOn: CivilDate
    public var placeCode: String
    public var host: String
    public var attendees: Int
    public var photos: [String]
    public var note: String?
    public var topics: [String]

    public init(heldOn: CivilDate, placeCode: String, host: String, attendees: Int = 0, photos: [String] = [], note: String? = nil, topics: [String] = []) {
        self.heldOn = heldOn
        self.placeCode = placeCode
        self.host = host
        self.attendees = attendees
        self.photos = photos
        self.note = note
        self.topics = topics
    }
}

/// A recorded bench talk with its topics.
public struct BenchTalkMeeting: Sendable, Hashable, Codable {
    public var id: Int64
    public var heldOn: CivilDate
    public var placeCode: String
    public var placeName: String
    public var host: String
    public var attendees: Int
    public var photos: [String]
    public var note: String?
    public var topics: [BenchTalkTopic]
}

/// A topic raised at a bench talk and what became of it.
public struct BenchTalkTopic: Sendable, Hashable, Codable {
    public var id: Int64
    public var meetingID: Int64
    public var meetingHeldOn: CivilDate
    public var placeName: String
    public var title: String
    public var outcome: TopicOutcome
    public var answer: String?
    public var referredTo: String?
    /// The demand it became (row id and external id), if it did.
    public var demandID: DemandID?
    public var demandExternalID: String?
    public var settledOn: CivilDate?
    public var demandResolvedOn: CivilDate?
    /// The day its reply is due (held on + the tenant's reply deadline).
    public var replyDueOn: CivilDate
}

/// What to file when a topic becomes a demand: the rest (title, place, source channel)
/// comes from the topic and its meeting.
public struct TopicDemandRequest: Sendable, Hashable {
    public var category: String
    public var quantity: Quantity
    public var priority: Priority
    public var dueOn: CivilDate?

    public init(category: String, quantity: Quantity, priority: Priority = .normal, dueOn: CivilDate? = nil) {
        self.category = category
        self.quantity = quantity
        self.priority = priority
        self.dueOn = dueOn
    }
}

/// The module's report section (板凳会情况) for a period.
public struct BenchTalkSummary: Sendable, Hashable, Codable {
    /// The practice's local name, from the tenant's settings.
    public var localName: String
    public var from: CivilDate
    public var to: CivilDate
    public var meetings: Int
    public var attendees: Int
    public var topics: Int
    public var answered: Int
    public var turnedIntoDemands: Int
    public var referred: Int
    public var open: Int
    /// Open past the reply deadline on `to`.
    public var overdue: Int
    /// Topics whose demand was resolved.
    public var demandsResolved: Int

    /// answered / topics, 0 when there are none.
    public var answeredShare: Double { topics == 0 ? 0 : Double(answered) / Double(topics) }
}
