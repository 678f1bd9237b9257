/// The unit a demand's need and a resource's capacity are counted in.
///
/// Quantities are whole numbers of the unit's *stored* amount: fen for ``yuan`` (so that
/// money stays exact), whole hours, items, sessions or jobs for the others.
public enum MeasureUnit: String, Vocabulary {
    /// 元, stored as fen: a quantity of 150 000 in yuan is ¥1,500.00.
    case yuan
    /// 志愿服务小时: hours of volunteer service.
    case volunteerHours = "volunteer_hours"
    /// 件: items (materials, equipment).
    case items
    /// 场次: sessions (a venue booked, a lecture given, a legal consultation held).
    case sessions
    /// 项: one job; a demand for a job is a quantity of 1.
    case job

    public static let fieldName = "measure_unit"

    public var chineseName: String {
        switch self {
        case .yuan: "元"
        case .volunteerHours: "志愿服务小时"
        case .items: "件"
        case .sessions: "场次"
        case .job: "项"
        }
    }

    public var englishName: String {
        switch self {
        case .yuan: "yuan"
        case .volunteerHours: "volunteer hours"
        case .items: "items"
        case .sessions: "sessions"
        case .job: "job"
        }
    }

    /// Whether a resource counted in this unit can serve a demand counted in `demandUnit`.
    ///
    /// The rule is equality, and only equality: there is no exchange rate between the units
    /// (an hour of volunteering is not worth a fixed number of yuan, a venue session is not
    /// a number of items), and inventing one would let matching fill a demand with something
    /// it did not ask for. A district that wants to pay for volunteer work records a funds
    /// resource and a demand in yuan.
    ///
    /// - Parameter demandUnit: The unit the demand is counted in.
    /// - Returns: `true` when the units are the same.
    public func canServe(_ demandUnit: MeasureUnit) -> Bool {
        self == demandUnit
    }

    /// An amount in this unit, in Chinese: `¥1,500.00`, `12 志愿服务小时`.
    ///
    /// - Parameter amount: The stored amount (fen for yuan).
    public func chineseText(_ amount: Int64) -> String {
        self == .yuan ? Money(fen: amount).description : "\(amount) \(chineseName)"
    }

    /// An amount in this unit as JSON carries it (the API, `--json`): a decimal string in the
    /// unit itself, `"1500.00"` yuan (always two decimals) or `"12"` hours. Never fen, so that
    /// the number beside `"unit": "yuan"` is yuan.
    ///
    /// - Parameter amount: The stored amount (fen for yuan).
    public func decimalText(_ amount: Int64) -> String {
        self == .yuan ? Money(fen: amount).decimalText : String(amount)
    }

    /// An amount in this unit, in English: `¥1,500.00`, `12 volunteer hours`.
    ///
    /// - Parameter amount: The stored amount (fen for yuan).
    public func englishText(_ amount: Int64) -> String {
        self == .yuan ? Money(fen: amount).description : "\(amount) \(englishName)"
    }
}
