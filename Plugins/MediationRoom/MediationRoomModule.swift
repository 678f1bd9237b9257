import GovregCommandLine
public import Registry

/// The neighbourhood mediation room (睦邻调解室): disputes with their parties, a grade
/// (general: the room's mediator; difficult: the street's joint mediation), the four-colour
/// tracking with a day-by-day log, and the outcome; a report section by colour and grade with
/// the success rate. Parties are personal data: masked in every list, out of the audit log,
/// never disclosed.
public struct MediationRoomModule: GovernanceModule {
    /// `mediation_room`.
    public static let moduleID = try! ModuleID("mediation_room")

    public var id: ModuleID { Self.moduleID }
    public let version = SemanticVersion(1, 0, 0)
    public let compatibleCore = SemanticVersion(0, 2, 0)...SemanticVersion(0, 99, 99)
    public let chineseName = "睦邻调解室"
    public let englishName = "Mediation room"
    public let summary = "Neighbourhood disputes: parties, grade, four-colour tracking with a daily log, outcome and success rate."
    public let settingsSchema = ModuleSettingsSchema([
        SettingField(key: "room_name", chineseName: "调解室名称", englishName: "the room's name",
                     kind: .text(maxLength: 30), default: .text("睦邻调解室")),
        SettingField(key: "joint_mediation", chineseName: "疑难纠纷联调单位", englishName: "who mediates difficult disputes",
                     kind: .text(maxLength: 50), default: .text("街道联合调解")),
    ])

    public var contributions: [any ModuleContribution] { [MediationReport(), MediationEndpoints(), ModuleCommands(MediationCommand.self)] }

    public init() {}
}
