import Foundation
import Matching

extension MatchCommand {
    /// A benchmark-kit instance read from `demands.csv`, `resources.csv` and `arcs.csv`
    /// (`../shared/bench/matching/README.md`), grouped into the engine's categories.
    ///
    /// The large instance has 1.5 million arcs, so the files are parsed as bytes: integers by
    /// hand, ids looked up in a hash table over the bytes of the files themselves, no `String`
    /// per field except the one id per demand and resource the result must name.
    struct KitInstance {
        var problem: Problem
        var demands = 0
        var resources = 0
        var arcs = 0

        /// Reads an instance directory.
        ///
        /// - Throws: ``KitFileError`` naming the file, line and problem.
        init(directory: URL) throws {
            let demandFile = try KitFile(directory, "demands.csv", header: "id,category,quantity,priority")
            let resourceFile = try KitFile(directory, "resources.csv", header: "id,category,capacity")
            let arcFile = try KitFile(directory, "arcs.csv", header: "resource_id,demand_id,cost")
            var categories = [CategoryProblem](), categoryIndex = [String: Int]()
            var demands = 0, resources = 0, arcs = 0
            func category(_ name: String) -> Int {
                if let index = categoryIndex[name] { return index }
                categoryIndex[name] = categories.count
                categories.append(CategoryProblem(category: name))
                return categories.count - 1
            }

            // Each id maps to (category << 32 | position in the category).
            var demandTable = ByteKeyTable(capacity: demandFile.lineEstimate)
            try demandFile.rows { cursor in
                let id = try cursor.field(), name = try cursor.text()
                let quantity = try cursor.integer(), priority = try cursor.integer(last: true)
                let c = category(name)
                let key = Int64(c) << 32 | Int64(categories[c].demands.count)
                guard demandTable.insert(id, value: key) else { throw cursor.error("duplicate demand id") }
                categories[c].demands.append(DemandInput(
                    id: .text(String(decoding: id, as: UTF8.self)), quantity: quantity, priority: Int(clamping: priority)))
                demands += 1
            }
            var resourceTable = ByteKeyTable(capacity: resourceFile.lineEstimate)
            try resourceFile.rows { cursor in
                let id = try cursor.field(), name = try cursor.text(), capacity = try cursor.integer(last: true)
                let c = category(name)
                let key = Int64(c) << 32 | Int64(categories[c].resources.count)
                guard resourceTable.insert(id, value: key) else { throw cursor.error("duplicate resource id") }
                categories[c].resources.append(ResourceInput(id: .text(String(decoding: id, as: UTF8.self)), capacity: capacity))
                resources += 1
            }

            var columns = [(resources: [Int32], demands: [Int32], costs: [Int64])](
                repeating: ([], [], []), count: categories.count)
            try arcFile.rows { cursor in
                let resource = try cursor.field(), demand = try cursor.field(), cost = try cursor.integer(last: true)
                guard let r = resourceTable.value(resource) else {
                    throw cursor.error("unknown resource id")
                }
                guard let d = demandTable.value(demand) else {
                    throw cursor.error("unknown demand id")
                }
                let c = Int(r >> 32)
                guard c == Int(d >> 32) else { throw cursor.error("the arc joins two categories") }
                columns[c].resources.append(Int32(truncatingIfNeeded: r))
                columns[c].demands.append(Int32(truncatingIfNeeded: d))
                columns[c].costs.append(cost)
                arcs += 1
            }
            for c in categories.indices {
                categories[c].arcs = ArcTable(termNames: ["cost"], resources: columns[c].resources,
                                              demands: columns[c].demands, amounts: columns[c].costs)
                columns[c] = ([], [], [])   // free each category's columns as soon as they are copied
            }
            problem = Problem(categories: categories)
            self.demands = demands
            self.resources = resources
            self.arcs = arcs
        }
    }
}
