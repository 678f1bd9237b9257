import Foundation

/// 7 towns → 35 communities/villages → 253 grids (Langao's 7 / 35 / 253 grid nodes).
struct DemoHierarchy {
    struct Node {
        var code: String
        var name: String
        var kind: String
        var parent: String?
    }

    var nodes: [Node] = []
    /// Codes of the seven urban communities of the county seat.
    var urbanCommunities: [String] = []
    var grids: [String] = []
    /// The community each grid belongs to.
    var communityOfGrid: [String: String] = [:]

    init(random: inout SeededGenerator) {
        var stems = DemoVocabulary.villageStems
        for (townIndex, town) in DemoVocabulary.towns.enumerated() {
            let townCode = String(format: "T%02d", townIndex + 1)
            nodes.append(Node(code: townCode, name: town, kind: "镇", parent: nil))
            // The county seat holds the 7 urban communities and 4 villages; each other town 4 villages.
            var communities: [(String, String)] = []
            if townIndex == 0 { communities += DemoVocabulary.urbanCommunities.map { ($0, "社区") } }
            for _ in 0..<4 { communities.append((stems.removeFirst() + "村", "村")) }
            for (communityIndex, (name, kind)) in communities.enumerated() {
                let code = townCode + String(format: "C%02d", communityIndex + 1)
                nodes.append(Node(code: code, name: name, kind: kind, parent: townCode))
                if kind == "社区" { urbanCommunities.append(code) }
            }
        }
        let communityCodes = nodes.filter { $0.kind == "社区" || $0.kind == "村" }.map(\.code)
        // 253 grids over 35 communities: seven each, one more for the first eight.
        for (index, community) in communityCodes.enumerated() {
            let count = 7 + (index < 8 ? 1 : 0)
            for gridIndex in 1...count {
                let code = community + String(format: "G%02d", gridIndex)
                nodes.append(Node(code: code, name: "第\(gridIndex)网格", kind: "网格", parent: community))
                grids.append(code)
                communityOfGrid[code] = community
            }
        }
        _ = random.next()  // reserved: the hierarchy itself is fixed, not random
    }

    var csv: Data {
        DemoDistrict.csv(["编码", "名称", "类型", "上级编码"], nodes.map { [$0.code, $0.name, $0.kind, $0.parent ?? ""] })
    }
}
