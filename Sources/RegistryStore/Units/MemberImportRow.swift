public import Registry

/// One member reporting for duty (双报到) as an import file gives it: the person and their
/// registration by a unit at a community.
///
/// The person is identified by ``externalID``; a person registered at two communities has
/// two rows with the same external id (and the same name, phone and ID card number). A
/// registration is identified by the person and the community.
public struct MemberImportRow: Sendable, Hashable {
    /// The file line the row came from, for error messages (0 for exported rows).
    public var line: Int
    /// The district's own id for the person.
    public var externalID: String
    public var name: PersonalName
    public var phone: PhoneNumber?
    public var idCard: IDCardNumber?
    /// The registering unit's external id.
    public var unitExternalID: String
    /// The org code of the community (or village) the member reports to.
    public var communityCode: String
    public var registeredOn: CivilDate

    /// Makes a row.
    public init(
        line: Int = 0, externalID: String, name: PersonalName, phone: PhoneNumber? = nil, idCard: IDCardNumber? = nil,
        unitExternalID: String, communityCode: String, registeredOn: CivilDate
    ) {
        self.line = line
        self.externalID = externalID
        self.name = name
        self.phone = phone
        self.idCard = idCard
        self.unitExternalID = unitExternalID
        self.communityCode = communityCode
        self.registeredOn = registeredOn
    }
}
