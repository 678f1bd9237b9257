public import Registry

/// A work order (订单) on the four-part form.
public struct WorkOrder: Sendable, Hashable, Codable {
    public var id: Int64
    /// Where it was taken (the community's or grid's code and name).
    public var placeCode: String
    public var placeName: String
    /// The demand it was ordered from (external id), if any.
    public var demand: String?
    public var title: String
    public var category: String
    public var status: OrderStep
    public var orderedOn: CivilDate
    /// The deadline of the step it waits in; none once completed, rated or withdrawn.
    public var dueOn: CivilDate?
    /// The unit it is with (external id and name), while dispatched.
    public var unit: String?
    public var unitName: String?
    public var acceptedOn: CivilDate?
    /// The points holder's code of whoever served (personal: not shown on the console).
    public var servedBy: String?
    public var completedOn: CivilDate?
    public var result: String?
    public var ratedOn: CivilDate?
    public var satisfied: Bool?
    public var score: Int?
    public var ratingComment: String?
    public var cancelledOn: CivilDate?
    public var cancelReason: String?
    /// Every unit the order went to, and its answer.
    public var dispatches: [Dispatch]

    /// Whether its step's deadline passed before `day`.
    public func isOverdue(on day: CivilDate) -> Bool { dueOn.map { $0 < day } ?? false }
}

/// One dispatch of an order to a unit (下单) and the unit's answer (接单 or a decline).
public struct Dispatch: Sendable, Hashable, Codable {
    public enum Answer: String, Sendable, Hashable, Codable { case accepted, declined }
    public var unit: String
    public var unitName: String
    public var dispatchedOn: CivilDate
    public var answerBy: CivilDate
    public var answer: Answer?
    public var answeredOn: CivilDate?
    public var reason: String?
}

/// A new order (点单): from a demand on the list, or directly with a title and category.
public struct OrderDraft: Sendable, Hashable {
    /// The org code where the order is taken.
    public var placeCode: String
    /// The demand it comes from (external id or number); its title and category are used.
    public var demand: String?
    public var title: String?
    public var category: String?
    public var orderedOn: CivilDate?

    public init(placeCode: String, demand: String? = nil, title: String? = nil, category: String? = nil, orderedOn: CivilDate? = nil) {
        self.placeCode = placeCode
        self.demand = demand
        self.title = title
        self.category = category
        self.orderedOn = orderedOn
    }
}

/// A whistle (吹哨) and the departments it summoned (报到).
public struct Whistle: Sendable, Hashable, Codable {
    public var id: Int64
    public var placeCode: String
    public var placeName: String
    /// The order that outgrew the community, if any.
    public var orderID: Int64?
    public var matter: String
    public var blownOn: CivilDate
    public var calls: [Call]

    /// Whether every department has reported.
    public var answered: Bool { calls.allSatisfy { $0.status == .reported } }
}

/// A department summoned by a whistle, its deadline and report, and the delays it was granted.
public struct Call: Sendable, Hashable, Codable {
    public var unit: String
    public var unitName: String
    public var status: CallStatus
    /// The deadline first set, and the one in force after delays.
    public var firstDueOn: CivilDate
    public var dueOn: CivilDate
    public var reportedOn: CivilDate?
    public var report: String?
    public var delays: [Delay]

    /// Reported by the deadline in force (delays granted count).
    public var onTime: Bool { reportedOn.map { $0 <= dueOn } ?? false }
}

/// A delay granted to a summoned department.
public struct Delay: Sendable, Hashable, Codable {
    public var grantedOn: CivilDate
    public var fromDueOn: CivilDate
    public var toDueOn: CivilDate
    public var reason: String
}

/// How one unit answered its dispatches in a period.
public struct UnitResponse: Sendable, Hashable, Codable {
    public var unit: String
    public var unitName: String
    public var dispatches: Int
    public var declined: Int
    /// Median days from dispatch to acceptance, and from acceptance to completion.
    public var medianAcceptDays: Double?
    public var medianCompleteDays: Double?
}

/// The module's report section (四联单情况) for a period: orders taken in it, whistles blown in it.
public struct WorkOrderSummary: Sendable, Hashable, Codable {
    public var from: CivilDate
    public var to: CivilDate
    /// Orders taken in the period, by where they stand now.
    public var orders: Int
    public var byStep: [String: Int]
    /// Median days per step: order → first dispatch, dispatch → acceptance, acceptance → completion.
    public var medianDispatchDays: Double?
    public var medianAcceptDays: Double?
    public var medianCompleteDays: Double?
    public var rated: Int
    public var satisfied: Int
    /// Open orders past their step's deadline on `to`.
    public var overdue: Int
    public var units: [UnitResponse]
    public var whistles: Int
    public var whistlesAnsweredOnTime: Int
    public var calls: Int
    public var callsReportedOnTime: Int
    public var delays: Int

    /// satisfied / rated, 0 when none was rated.
    public var satisfactionRate: Double { rated == 0 ? 0 : Double(satisfied) / Double(rated) }
}
