public import Registry

/// One registered unit as an import file gives it (and as an export writes it back): the
/// unit, its contact and the org codes of the communities it contracts (包联).
///
/// The contact is personal data: it is stored, masked in every list, and left out of public
/// exports and of the audit log.
public struct UnitImportRow: Sendable, Hashable {
    /// The file line the row came from, for error messages (0 for exported rows).
    public var line: Int
    /// The district's own id for the unit; re-imports match on it.
    public var externalID: String
    public var name: String
    public var kind: UnitKind
    /// The contact person. Free text rather than a checked ``PersonalName``: districts write
    /// roles here too (联络员, 办公室); it is masked like a name all the same.
    public var contactName: String?
    public var contactPhone: PhoneNumber?
    public var address: String?
    /// Org codes of the contracted communities (or villages).
    public var communityCodes: [String]

    /// Makes a row.
    public init(
        line: Int = 0, externalID: String, name: String, kind: UnitKind, contactName: String? = nil,
        contactPhone: PhoneNumber? = nil, address: String? = nil, communityCodes: [String] = []
    ) {
        self.line = line
        self.externalID = externalID
        self.name = name
        self.kind = kind
        self.contactName = contactName
        self.contactPhone = contactPhone
        self.address = address
        self.communityCodes = communityCodes
    }
}
