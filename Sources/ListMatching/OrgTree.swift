import Registry

/// The hierarchy as matching reads it: each node's ancestors (itself first) and level.
struct OrgTree {
    /// Node id → its chain of ids from itself up to the root.
    private(set) var chains: [Int64: [Int64]] = [:]
    /// Node id → its hierarchy level.
    private(set) var levels: [Int64: HierarchyDistance] = [:]

    init(_ nodes: [OrgNode]) {
        let byID = Dictionary(nodes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for node in nodes {
            levels[node.id] = HierarchyDistance(node.kind)
            var chain = [node.id]
            var next = node.parent
            // The database refuses cycles; the bound only keeps a corrupt snapshot from looping.
            while let parent = next, chain.count <= nodes.count, let up = byID[parent] {
                chain.append(parent)
                next = up.parent
            }
            chains[node.id] = chain
        }
    }

    /// The node and its ancestors, nearest first.
    func chain(of node: Int64) -> [Int64] { chains[node] ?? [node] }
}
