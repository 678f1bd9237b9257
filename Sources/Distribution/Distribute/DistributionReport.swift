/// What `govreg db distribute` did (or, in a dry run, would do) to each table.
public struct DistributionReport: Sendable, Equatable {
    public enum Action: Sendable, Equatable {
        /// Distributed or made a reference table by this run.
        case placed
        /// Already where the plan puts it (a local table: left alone).
        case unchanged
        /// Already a Citus table of another kind: left as it is, for an operator to judge
        /// (`undistribute_table` moves it back), never changed behind their back.
        case differs(Placement)
    }

    public struct Step: Sendable, Equatable {
        public var placement: TablePlacement
        public var action: Action
    }

    public var plan: PlacementPlan
    public var steps: [Step]
    public var dryRun: Bool

    /// The tables this run placed (in a dry run: would place).
    public var changed: [Step] { steps.filter { $0.action == .placed } }
    public var differing: [Step] { steps.filter { if case .differs = $0.action { true } else { false } } }
}
