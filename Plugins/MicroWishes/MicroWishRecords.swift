public import Registry

/// A wish to publish: where the wisher lives (an org code), what is wished, its category and
/// what it would cost. The wisher's name and phone are optional and never published: the
/// community keeps them to bring the claimant and the resident together.
public struct WishDraft: Sendable, Hashable {
    public var placeCode: String
    public var title: String
    public var details: String?
    public var category: String
    public var estimatedValue: Money?
    public var postedOn: CivilDate?
    public var wisherName: PersonalName?
    public var wisherPhone: PhoneNumber?

    public init(placeCode: String, title: String, details: String? = nil, category: String, estimatedValue: Money? = nil,
                postedOn: CivilDate? = nil, wisherName: PersonalName? = nil, wisherPhone: PhoneNumber? = nil) {
        self.placeCode = placeCode
        self.title = title
        self.details = details
        self.category = category
        self.estimatedValue = estimatedValue
        self.postedOn = postedOn
        self.wisherName = wisherName
        self.wisherPhone = wisherPhone
    }
}

/// Who claims a wish: a registered unit (驻区单位, by its external id) or a volunteer by name,
/// with the points holder code that earns points when the wish is confirmed, if there is one.
public enum WishClaimant: Sendable, Hashable {
    case unit(String)
    case volunteer(PersonalName, holder: String? = nil)
}

/// A wish as lists show it: no wisher's name or phone, the volunteer's name masked, the
/// holder code left out (only whether the claim earns points).
public struct MicroWish: Sendable, Hashable, Codable {
    public var id: Int64
    public var placeCode: String
    public var placeName: String
    public var title: String
    public var details: String?
    public var category: String
    public var estimatedValue: Money?
    public var state: WishState
    public var postedOn: CivilDate
    /// Days from posting to confirmation or withdrawal, or to today while it is open.
    public var daysWaiting: Int
    /// Unclaimed for at least the district's aging days (久未认领).
    public var aging: Bool
    /// The unit's name, or `志愿者 张*` for a volunteer.
    public var claimant: String?
    /// Whether the claimant earns points when the wish is confirmed.
    public var earnsPoints: Bool
    public var claimedOn: CivilDate?
    public var fulfilledOn: CivilDate?
    public var fulfilmentNote: String?
    public var confirmedOn: CivilDate?
    public var confirmedBy: WishConfirmer?
    public var withdrawnOn: CivilDate?
    public var withdrawalReason: String?
    /// Whether the community keeps the wisher's contact (never shown here).
    public var wisherOnRecord: Bool
}

/// The wisher's contact, for the community staff who bring claimant and resident together
/// (personal data: the CLI's `contact` command only, never a list or the report).
public struct WisherContact: Sendable, Hashable, Codable {
    public var wish: Int64
    public var name: String?
    public var phone: String?
}

/// The module's report section (微心愿情况) for a period.
public struct MicroWishSummary: Sendable, Hashable, Codable {
    public var from: CivilDate
    public var to: CivilDate
    /// Wishes posted in the period.
    public var posted: Int
    /// Wishes claimed in the period (a released claim no longer counts).
    public var claimed: Int
    /// Wishes fulfilled in the period.
    public var fulfilled: Int
    /// Wishes confirmed in the period.
    public var confirmed: Int
    public var withdrawn: Int
    /// The median days from posting to confirmation of the wishes confirmed in the period;
    /// nil when none was.
    public var medianDaysToFulfil: Double?
    /// Wishes posted by `to` and unclaimed now (a wish's claims are not kept once released),
    /// and of them those that had waited the district's aging days by `to`.
    public var unclaimed: Int
    public var aging: Int
    /// What the wishes confirmed in the period were worth, as estimated.
    public var confirmedValue: Money
}
