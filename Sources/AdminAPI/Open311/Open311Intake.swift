import Foundation
import Registry
import RegistryStore

/// A `POST requests` as a ``DemandDraft``: what the standard's fields and our attributes
/// (``Open311Services``) give, checked here for what only this door knows; the demand's own
/// rules are checked by the store, as for every door.
///
/// Where things go: `description` → the demand's description, and its first line (at most
/// 60 characters) the title (the category's name when there is no description);
/// `address_string`, `lat`/`long` and `media_url` → appended to the description, which is
/// internal (the public site and every Open311 answer leave it out). The personal fields
/// (`email`, `first_name`, `last_name`, `phone`, `device_id`, `account_id`) are read and
/// not stored: a demand's reporter is a person of the district's register, which a
/// resident's app cannot vouch for, and keeping contacts elsewhere would be a second,
/// unguarded register of personal data.
struct Open311Intake {
    /// The longest `description` the standard allows.
    static let maximumDescription = 4000
    static let titleLength = 60

    var form: Open311Form
    var category: CategoryRecord

    /// The draft, or a 400 naming the field or attribute; `addressIsOrgUnit` says whether the
    /// `address_id` given is the code of one of the district's org units.
    func draft(addressIsOrgUnit: Bool) throws(Open311Error) -> DemandDraft {
        let unknown = form.attributes.keys.filter { $0 != Open311Services.orgCode && $0 != Open311Services.quantity }.sorted()
        if let first = unknown.first {
            throw .badRequest("attribute[\(first)] 不是此服务的属性 is not an attribute of service \(category.code)")
        }
        let description = form["description"]
        if let description, description.count > Self.maximumDescription {
            throw .badRequest("description 最多 \(Self.maximumDescription) 个字符 description is at most \(Self.maximumDescription) characters")
        }
        let place = try location()
        // The org unit: the attribute, else an address_id that is an org unit's code.
        let given = form.attributes[Open311Services.orgCode]?.trimmingCharacters(in: .whitespaces)
        let orgCode: String
        if let given, !given.isEmpty {
            orgCode = given
        } else if let addressID = form["address_id"], addressIsOrgUnit {
            orgCode = addressID
        } else {
            throw .badRequest("attribute[\(Open311Services.orgCode)] 必填：所在社区或网格的编码 is required: the code of the community or grid (no address_id names one)")
        }
        let amount = try quantity()
        let title = description.flatMap { text in
            text.split(whereSeparator: \.isNewline).first.map { String($0.trimmingCharacters(in: .whitespaces).prefix(Self.titleLength)) }
        }.flatMap { $0.isEmpty ? nil : $0 } ?? "\(category.nameZh)（网上报事）"
        var details = description.map { [$0] } ?? []
        details += place
        if let media = form["media_url"] { details.append("图片 media: \(media)") }
        return DemandDraft(
            title: title, details: details.isEmpty ? nil : details.joined(separator: "\n"), category: category.code,
            orgCode: orgCode, sourceChannel: .open311, quantity: amount)
    }

    /// The place as lines of the description; one of lat/long, address_string or address_id
    /// is required (the standard's rule), and coordinates must be numbers in range.
    private func location() throws(Open311Error) -> [String] {
        var lines: [String] = []
        switch (form["lat"], form["long"]) {
        case (nil, nil): break
        case (let lat?, let long?):
            guard let latitude = Double(lat), (-90...90).contains(latitude) else {
                throw .badRequest("lat 须为 -90 到 90 的数 lat must be a number from -90 to 90")
            }
            guard let longitude = Double(long), (-180...180).contains(longitude) else {
                throw .badRequest("long 须为 -180 到 180 的数 long must be a number from -180 to 180")
            }
            lines.append("位置 location: \(latitude),\(longitude)")
        default: throw .badRequest("lat 与 long 须同时给出 lat and long must be given together")
        }
        if let address = form["address_string"] { lines.append("地址 address: \(address)") }
        if lines.isEmpty, form["address_id"] == nil {
            throw .badRequest("须给出位置：lat/long、address_string 或 address_id a location is required: lat and long, address_string or address_id")
        }
        return lines
    }

    private func quantity() throws(Open311Error) -> Quantity {
        let text = form.attributes[Open311Services.quantity]?.trimmingCharacters(in: .whitespaces) ?? ""
        guard let amount = text.isEmpty ? 1 : Int64(text), amount > 0, let quantity = try? Quantity(amount, .job) else {
            throw .badRequest("attribute[\(Open311Services.quantity)] 须为正整数 must be a whole number above 0")
        }
        return quantity
    }

    /// The standard's name for a field the demand's rules refused.
    static func formName(of field: String) -> String {
        switch field {
        case "title", "description": "description"
        case "category": "service_code"
        case "org_code": "attribute[\(Open311Services.orgCode)]"
        case "quantity", "measure_unit": "attribute[\(Open311Services.quantity)]"
        default: field
        }
    }
}
