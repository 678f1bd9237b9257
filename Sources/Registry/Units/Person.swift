public import Foundation

/// A person the registry knows: a resident who reported a demand, a grid worker, a party
/// member registered for duty.
///
/// Holds personal data only where it is needed, every piece of it ``PersonalData``, so
/// the default description of a `Person` shows masked values only.
public struct Person: Hashable, Sendable, Codable, Identifiable {
    /// The district the person is recorded in.
    public var tenant: TenantID
    /// The person's id within the district.
    public var id: PersonID
    /// The person's name.
    public var name: PersonalName
    /// A phone number, if one is needed to reach the person.
    public var phone: PhoneNumber?
    /// An ID card number, only where a practice requires identification.
    public var idCard: IDCardNumber?

    /// Makes a person record.
    public init(tenant: TenantID, id: PersonID, name: PersonalName, phone: PhoneNumber? = nil, idCard: IDCardNumber? = nil) {
        self.tenant = tenant
        self.id = id
        self.name = name
        self.phone = phone
        self.idCard = idCard
    }
}
