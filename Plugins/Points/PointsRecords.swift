public import Registry

/// A line of the rule table: a kind of civic act pays `pointsPerUnit` points for each unit of
/// it (an hour, an act), up to `capPerPeriod` points per holder in a period (the module's
/// `cap_period`: a month or a year).
public struct PointsRule: Sendable, Hashable, Codable {
    /// The kind, as ``Registry/CivicAct/kind`` names it (`volunteer_hours`).
    public var kind: String
    public var chineseName: String
    public var pointsPerUnit: Int
    public var capPerPeriod: Int?
    /// A retired rule pays nothing; its lines stay.
    public var active: Bool

    public init(kind: String, chineseName: String, pointsPerUnit: Int, capPerPeriod: Int? = nil, active: Bool = true) {
        self.kind = kind
        self.chineseName = chineseName
        self.pointsPerUnit = pointsPerUnit
        self.capPerPeriod = capPerPeriod
        self.active = active
    }
}

/// Who holds points: a household (户) or a resident (个人).
public enum HolderKind: String, Sendable, Hashable, Codable, CaseIterable {
    case household, person

    /// 户, 个人.
    public var chineseName: String { self == .household ? "户" : "个人" }
}

/// A holder to register: the district's code (a household number), where it lives (an org
/// code), and a display name, which is personal data and never leaves staff screens.
public struct HolderDraft: Sendable, Hashable {
    public var code: String
    public var kind: HolderKind
    public var placeCode: String
    public var displayName: String?

    public init(code: String, kind: HolderKind = .household, placeCode: String, displayName: String? = nil) {
        self.code = code
        self.kind = kind
        self.placeCode = placeCode
        self.displayName = displayName
    }
}

/// A registered holder and its balance.
public struct PointsHolder: Sendable, Hashable, Codable {
    public var id: Int64
    public var code: String
    public var kind: HolderKind
    public var placeCode: String
    public var placeName: String
    /// Personal data: for staff who serve the holder, never in a report or a public page.
    public var displayName: String?
    public var balance: Int64
}

/// What a ledger line is: points earned for an act, or points spent (兑换).
public enum LedgerEntry: String, Sendable, Hashable, Codable, CaseIterable {
    case award, redemption

    /// 奖励, 兑换.
    public var chineseName: String { self == .award ? "奖励" : "兑换" }
}

/// One line of a holder's ledger; lines are never changed or deleted.
public struct LedgerLine: Sendable, Hashable, Codable {
    public var id: Int64
    public var holderCode: String
    public var entry: LedgerEntry
    public var bookedOn: CivilDate
    /// Positive for an award, negative for a redemption.
    public var points: Int
    public var balanceAfter: Int64
    /// Awards: the rule's kind and name, how much of the act, its occasion, and whether the
    /// cap cut it down.
    public var kind: String?
    public var kindName: String?
    public var quantity: Int?
    public var occasion: String?
    public var capped: Bool
    /// Redemptions: what was taken.
    public var item: String?
    public var note: String?
}

/// Why an act was heard but not paid.
public enum UnpaidReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// No holder has the act's code.
    case unknownHolder = "unknown_holder"
    /// No active rule pays the act's kind.
    case noRule = "no_rule"
    /// The holder already earned the cap for this kind in the period.
    case capReached = "cap_reached"
    /// A quantity below 1, or texts too long to keep.
    case badAct = "bad_act"

    /// 户号不存在, 无此积分规则, 已达上限, 无效记录.
    public var chineseName: String {
        switch self {
        case .unknownHolder: "户号不存在"
        case .noRule: "无此积分规则"
        case .capReached: "已达本期上限"
        case .badAct: "无效记录"
        }
    }
}

/// An act heard but not paid, and why.
public struct UnpaidAct: Sendable, Hashable, Codable {
    public var occasion: String
    public var kind: String
    public var holderCode: String
    public var quantity: Int
    public var reason: UnpaidReason
    public var heardOn: CivilDate
}

/// What paying for an act came to: a ledger line, or the reason nothing was paid (also when
/// the act had been paid before: `alreadyPaid`).
public struct AwardOutcome: Sendable, Hashable, Codable {
    public var line: LedgerLine?
    public var unpaid: UnpaidReason?
    /// The occasion was paid (or refused) before: nothing more was written.
    public var alreadyHeard: Bool
}

/// A holder's statement for a month (积分对账单): the opening balance, the month's lines, and
/// the closing balance.
public struct PointsStatement: Sendable, Hashable, Codable {
    public var holderCode: String
    public var kind: HolderKind
    public var from: CivilDate
    public var to: CivilDate
    public var opening: Int64
    public var lines: [LedgerLine]
    public var earned: Int64
    public var redeemed: Int64
    public var closing: Int64
}

/// The points issued and redeemed in a period, by kind of civic act; never by holder (no
/// ranking of residents in anything public).
public struct PointsSummary: Sendable, Hashable, Codable {
    public struct ByKind: Sendable, Hashable, Codable {
        public var kind: String
        public var chineseName: String
        public var awards: Int
        public var points: Int64
    }

    public var localName: String
    public var from: CivilDate
    public var to: CivilDate
    public var byKind: [ByKind]
    public var issued: Int64
    public var redemptions: Int
    public var redeemed: Int64
    public var unpaidActs: Int
    /// Holders with a ledger line in the period (a count, never a list).
    public var activeHolders: Int
    public var holders: Int
}
