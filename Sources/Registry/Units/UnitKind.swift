/// The kind of a registered unit (双报到单位 / 共建单位).
public enum UnitKind: String, Vocabulary {
    /// 政府部门: a government department.
    case department
    /// 国有企业: a state-owned enterprise.
    case stateEnterprise = "state_enterprise"
    /// 学校: a school.
    case school
    /// 社会组织: a social organisation.
    case socialOrganisation = "social_organisation"
    /// 物业公司: a property-management company.
    case propertyCompany = "property_company"
    /// 其他: any other kind.
    case other

    public static let fieldName = "unit_kind"

    public var chineseName: String {
        switch self {
        case .department: "政府部门"
        case .stateEnterprise: "国有企业"
        case .school: "学校"
        case .socialOrganisation: "社会组织"
        case .propertyCompany: "物业公司"
        case .other: "其他"
        }
    }

    public var englishName: String {
        switch self {
        case .department: "government department"
        case .stateEnterprise: "state enterprise"
        case .school: "school"
        case .socialOrganisation: "social organisation"
        case .propertyCompany: "property-management company"
        case .other: "other"
        }
    }
}
