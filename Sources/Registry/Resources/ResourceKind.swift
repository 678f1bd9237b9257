/// What a resource-list item offers.
public enum ResourceKind: String, Vocabulary {
    /// 资金: money.
    case funds
    /// 志愿服务时长: hours of volunteer service.
    case volunteerHours = "volunteer_hours"
    /// 场地: a place to meet or hold activities.
    case venue
    /// 设备: equipment lent or installed.
    case equipment
    /// 专业服务: legal, medical, technical … advice or work.
    case professionalService = "professional_service"
    /// 就业岗位: job openings.
    case jobs
    /// 物资: goods given.
    case materials

    public static let fieldName = "resource_kind"

    public var chineseName: String {
        switch self {
        case .funds: "资金"
        case .volunteerHours: "志愿服务时长"
        case .venue: "场地"
        case .equipment: "设备"
        case .professionalService: "专业服务"
        case .jobs: "就业岗位"
        case .materials: "物资"
        }
    }

    public var englishName: String {
        switch self {
        case .funds: "funds"
        case .volunteerHours: "volunteer hours"
        case .venue: "venue"
        case .equipment: "equipment"
        case .professionalService: "professional service"
        case .jobs: "jobs"
        case .materials: "materials"
        }
    }

    /// The unit a resource of this kind is usually counted in; an importer's default when
    /// the file gives none.
    public var defaultUnit: MeasureUnit {
        switch self {
        case .funds: .yuan
        case .volunteerHours: .volunteerHours
        case .venue, .professionalService: .sessions
        case .equipment, .materials: .items
        case .jobs: .job
        }
    }
}
