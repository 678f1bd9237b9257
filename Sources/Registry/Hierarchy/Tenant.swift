public import Foundation

/// A district (区/县): one tenant of the registry, with its own three lists.
///
/// ```swift
/// let langao = Tenant(
///     id: UUID(), slug: try TenantSlug("langao"), name: "岚皋县",
///     divisionCode: try DivisionCode("610925"))
/// ```
public struct Tenant: Hashable, Sendable, Codable, Identifiable {
    /// The tenant's id, leading every key of its rows.
    public var id: TenantID
    /// The short name in URLs and commands, e.g. `langao`.
    public var slug: TenantSlug
    /// The district's name, e.g. 岚皋县.
    public var name: String
    /// The district's GB/T 2260 code, unique among tenants, e.g. `610925`.
    public var divisionCode: DivisionCode
    /// Active, or archived (read-only).
    public var status: TenantStatus
    /// When the tenant was created, once stored.
    public var createdAt: Date?
    /// When it was archived, if it was.
    public var archivedAt: Date?
    /// What the district decides for itself.
    public var settings = TenantSettings()

    /// The tenant's status type, under the name the storage layer uses.
    public typealias Status = TenantStatus

    /// Makes a tenant record, or reads one back from storage.
    public init(
        id: TenantID, slug: TenantSlug, name: String, divisionCode: DivisionCode, status: TenantStatus = .active,
        createdAt: Date? = nil, archivedAt: Date? = nil, settings: TenantSettings = TenantSettings()
    ) {
        self.id = id
        self.slug = slug
        self.name = name
        self.divisionCode = divisionCode
        self.status = status
        self.createdAt = createdAt
        self.archivedAt = archivedAt
        self.settings = settings
    }
}

/// A district's own settings (migrations 0028, 0029).
public struct TenantSettings: Hashable, Sendable, Codable {
    /// The IANA time zone its days begin and end in (lists, filters, reports, the public site)
    /// and the command line shows its times in; JSON keeps UTC. Beijing time by default.
    public var timeZone: String
    /// Whether the projects an accepted matching run makes are disclosed (公示) when their
    /// demand is, from the day they are made.
    public var projectsFollowDisclosure: Bool

    public init(timeZone: String = "Asia/Shanghai", projectsFollowDisclosure: Bool = true) {
        self.timeZone = timeZone
        self.projectsFollowDisclosure = projectsFollowDisclosure
    }

    /// The zones a district may keep: Beijing time (all of China officially), Xinjiang's
    /// local time, Hong Kong's and Macau's, and UTC. A closed list, as the database's check.
    public static let timeZones = ["Asia/Shanghai", "Asia/Urumqi", "Asia/Hong_Kong", "Asia/Macau", "UTC"]

    /// A time zone's name checked against ``timeZones``.
    ///
    /// - Throws: ``RegistryError`` at `time_zone` for any other text, listing those allowed.
    public static func timeZone(_ name: String) throws(RegistryError) -> String {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard timeZones.contains(trimmed) else {
            throw RegistryError.invalid(
                "time_zone", chinese: "时区「\(name)」不可用，可选 \(timeZones.joined(separator: "、"))",
                english: "time zone '\(name)' is not one a district keeps: \(timeZones.joined(separator: ", "))")
        }
        return trimmed
    }
}
