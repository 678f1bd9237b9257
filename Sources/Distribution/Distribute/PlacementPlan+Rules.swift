extension PlacementPlan {
    /// The rules of ``PlacementPlan`` over tables and keys already read: pure, so the tests can
    /// give it a schema by hand.
    static func plan(tables: [CatalogueTable], keys: [CatalogueKey]) -> PlacementPlan {
        var placements: [String: TablePlacement] = [:]
        let root = tables.first { $0.relname == "tenant" && !$0.hasTenant }
        for table in tables {
            placements[table.name] = firstPlacement(table, isRoot: table.name == root?.name)
        }
        // A table pointing at a local table must stay local too; repeated until nothing moves,
        // since staying local passes down a chain (account ← console_session ← …).
        var moved = true
        while moved {
            moved = false
            for key in keys {
                guard let target = placements[key.references], target.placement == .local,
                      let source = placements[key.table], source.placement != .local else { continue }
                placements[key.table] = TablePlacement(
                    table: key.table, placement: .local,
                    reason: "points at local table \(key.references) (\(key.name)); Citus refuses a key from a distributed or reference table to a local one")
                moved = true
            }
        }
        // Local tables with a key to a reference table, and the local tables linked to them by
        // keys, are told to Citus (Citus adds a table to its metadata only with every local
        // table its keys connect it to).
        var managed = Set(keys.filter { placements[$0.table]?.placement == .local && placements[$0.references]?.placement == .reference }.map(\.table))
        var grew = !managed.isEmpty
        while grew {
            grew = false
            for key in keys where placements[key.table]?.placement == .local && placements[key.references]?.placement == .local
                && managed.contains(key.table) != managed.contains(key.references) {
                managed.formUnion([key.table, key.references])
                grew = true
            }
        }
        for table in managed { placements[table]?.citusManaged = true }
        let rootName = root?.name
        let rootDistributed = rootName.flatMap { placements[$0] }?.placement == .distributed
        let ordered = order(Array(placements.values), keys: keys, root: rootName)
        // The group's anchor: `tenant` when distributed by id, else the first distributed table.
        let anchor = rootDistributed ? rootName : ordered.first { $0.placement == .distributed }?.table
        let steps = ordered.map { step -> TablePlacement in
            var step = step
            if step.placement == .distributed, step.table != anchor { step.colocateWith = anchor }
            return step
        }
        let unenforceable = keys.compactMap { key -> UnenforceableKey? in
            guard placements[key.table]?.placement == .local, let target = placements[key.references],
                  target.placement == .distributed else { return nil }
            return UnenforceableKey(table: key.table, constraint: key.name, references: key.references, referencedPlacement: target.placement)
        }
        return PlacementPlan(tables: steps, unenforceableKeys: unenforceable)
    }

    static func firstPlacement(_ table: CatalogueTable, isRoot: Bool) -> TablePlacement {
        if let reason = table.declaredLocal {
            return TablePlacement(table: table.name, placement: .local, reason: "kept on the coordinator by the schema's decision (\(declarations)): \(reason)")
        }
        if isRoot {
            return table.keysHoldID
                ? TablePlacement(table: table.name, placement: .distributed, column: "id",
                                 reason: "the districts: distributed by id, every district's rows placed with its own")
                : TablePlacement(table: table.name, placement: .reference,
                                 reason: "the districts, with keys unique across all of them (not holding id): a table split by id cannot enforce them, a reference table can")
        }
        if table.hasTenant {
            return table.tenantNotNull
                ? TablePlacement(table: table.name, placement: .distributed, column: "tenant_id",
                                 reason: "one district's rows (tenant_id NOT NULL)")
                : TablePlacement(table: table.name, placement: .local,
                                 reason: "tenant_id may be NULL (rows of no district, e.g. operators): Citus cannot shard a row without its distribution value")
        }
        if table.relname == migrationHistory {
            return TablePlacement(table: table.name, placement: .local, reason: "govreg's migration history, read and written by the migrator on the coordinator alone")
        }
        if table.relname == declarations {
            return TablePlacement(table: table.name, placement: .local, reason: "the schema's placement decisions, read by db distribute and db lint on the coordinator alone")
        }
        return TablePlacement(table: table.name, placement: .reference, reason: "shared by every district (no tenant_id): a copy on every node")
    }

    /// Reference tables first (distributed tables point at them), then `tenant`, then the
    /// distributed tables parents before children (Citus checks a key's target when the key's
    /// table is distributed), then the local tables; ties by name, so the plan reads the same
    /// every time.
    static func order(_ placements: [TablePlacement], keys: [CatalogueKey], root: String?) -> [TablePlacement] {
        func rank(_ step: TablePlacement) -> Int {
            switch step.placement {
            case .reference: step.table == root ? 1 : 0
            case .distributed: step.table == root ? 1 : 2
            case .local: 3
            }
        }
        var remaining = placements.sorted { (rank($0), $0.table) < (rank($1), $1.table) }
        var done: Set<String> = []
        var result: [TablePlacement] = []
        let names = Set(placements.map(\.table))
        while !remaining.isEmpty {
            // The first table (by rank, then name) whose parents of no higher rank are placed;
            // a cycle of keys falls back to the first remaining table.
            let index = remaining.firstIndex { step in
                keys.allSatisfy { key in
                    key.table != step.table || done.contains(key.references) || !names.contains(key.references)
                        || remaining.first { $0.table == key.references }.map { rank($0) > rank(step) } == true
                }
            } ?? 0
            let step = remaining.remove(at: index)
            done.insert(step.table)
            result.append(step)
        }
        return result
    }
}
