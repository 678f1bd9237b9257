import Foundation

/// 95 registered units contracting (包联) the 7 urban communities, and the 1,216 members
/// they register for duty (双报到).
struct DemoUnits {
    struct Unit {
        var externalID: String
        var name: String
        var kind: String
        var communities: [String]
    }

    static let unitCount = 95
    static let memberCount = 1_216

    var units: [Unit] = []

    init(hierarchy: DemoHierarchy, random: inout SeededGenerator) {
        var names: [(String, String)] = DemoVocabulary.departments.map { ("县" + $0, "政府部门") }
        names += DemoVocabulary.schools.map { ("岚皋县" + $0, "学校") }
        names += DemoVocabulary.socialOrganisations.map { ("岚皋县" + $0, "社会组织") }
        names += DemoVocabulary.propertyCompanies.map { ("岚皋" + $0 + "有限公司", "物业公司") }
        let enterprises = ["农商银行", "城投公司", "自来水公司", "燃气公司", "交通建设公司", "旅游开发公司", "粮油公司", "建设银行", "工商银行", "邮储银行"]
        names += enterprises.map { ("岚皋县" + $0, "国有企业") }
        var branch = 1
        while names.count < Self.unitCount {
            // Township branches of the county bodies fill the rest, as in the article's 95.
            names.append(("岚皋县\(DemoVocabulary.departments[branch % DemoVocabulary.departments.count].dropLast())第\(branch)党支部", "其他"))
            branch += 1
        }
        for (index, (name, kind)) in names.prefix(Self.unitCount).enumerated() {
            // Each unit contracts one urban community, a fifth of them a second one.
            var communities = [hierarchy.urbanCommunities[index % hierarchy.urbanCommunities.count]]
            if random.chance(0.2) {
                let second = random.pick(hierarchy.urbanCommunities)
                if second != communities[0] { communities.append(second) }
            }
            units.append(Unit(externalID: String(format: "U%03d", index + 1), name: name, kind: kind, communities: communities))
        }
    }

    var unitsCSV: Data {
        DemoDistrict.csv(
            ["单位编号", "单位名称", "单位类型", "联系人", "联系电话", "包联社区"],
            units.enumerated().map { index, unit in
                [unit.externalID, unit.name, unit.kind, "联络员\(index + 1)", DemoPeople.phone(index), unit.communities.joined(separator: ";")]
            })
    }

    func membersCSV(hierarchy: DemoHierarchy, year: Int, random: inout SeededGenerator) -> Data {
        var rows: [[String]] = []
        for index in 0..<Self.memberCount {
            let unit = units[index % units.count]
            let name = random.pick(DemoVocabulary.surnames) + random.pick(DemoVocabulary.givenNames)
                + (random.chance(0.5) ? random.pick(DemoVocabulary.givenNames) : "")
            let month = Int.random(in: 1...3, using: &random), day = Int.random(in: 1...28, using: &random)
            rows.append([
                String(format: "M%04d", index + 1), name, DemoPeople.phone(1000 + index),
                DemoPeople.idCard(index: index, random: &random), unit.externalID, random.pick(unit.communities),
                String(format: "%04d-%02d-%02d", year, month, day),
            ])
        }
        return DemoDistrict.csv(["人员编号", "姓名", "手机号", "身份证号", "报到单位编号", "报到社区编码", "报到日期"], rows)
    }
}

/// Made-up personal data that passes the importers' checks.
enum DemoPeople {
    /// A mobile number, 1[3-9]xxxxxxxxx.
    static func phone(_ index: Int) -> String {
        String(format: "13%d%08d", 8 + index % 2, (index * 7_919) % 100_000_000)
    }

    /// An 18-digit resident ID of the county (610925), born 1950–2000, with its check digit.
    static func idCard(index: Int, random: inout SeededGenerator) -> String {
        let year = Int.random(in: 1950...2000, using: &random)
        let month = Int.random(in: 1...12, using: &random), day = Int.random(in: 1...28, using: &random)
        let body = String(format: "610925%04d%02d%02d%03d", year, month, day, index % 1000)
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(body, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        let check = Array("10X98765432")[sum % 11]
        return body + String(check)
    }
}
