/// What a project import's rows refer to, as the store reads (and locks) it before any row
/// is checked: the units, demands, resources and stored projects the rows name, by external
/// id. Plain values, so that ``ProjectImportCheck`` is a pure function of rows and facts.
public struct ProjectImportFacts: Sendable, Hashable {
    /// A stored project as its file row would describe it.
    public struct StoredProject: Sendable, Hashable {
        public var status: ProjectStatus
        public var percent: Int
        /// The residents' score, once rated.
        public var rating: Int?
        public var completedOn: CivilDate?
        public var checkedOn: CivilDate?
        public var cancelReason: String?
        /// External ids (or ids) of the demands it serves.
        public var demands: [String]
        /// Resource external id → allocated amount.
        public var allocations: [String: Int64]

        public init(
            status: ProjectStatus, percent: Int = 0, rating: Int? = nil, completedOn: CivilDate? = nil,
            checkedOn: CivilDate? = nil, cancelReason: String? = nil, demands: [String], allocations: [String: Int64] = [:]
        ) {
            self.status = status
            self.percent = percent
            self.rating = rating
            self.completedOn = completedOn
            self.checkedOn = checkedOn
            self.cancelReason = cancelReason
            self.demands = demands
            self.allocations = allocations
        }
    }

    /// A resource as a project draws on it.
    public struct Resource: Sendable, Hashable {
        public var status: ResourceStatus
        public var unit: MeasureUnit
        /// What can still be drawn, in ``unit``'s stored amount.
        public var remaining: Int64

        public init(status: ResourceStatus, unit: MeasureUnit, remaining: Int64) {
            self.status = status
            self.unit = unit
            self.remaining = remaining
        }
    }

    /// The external ids of the units there are.
    public var units: Set<String>
    /// Demand external id → its state.
    public var demands: [String: DemandState]
    /// Demand external id → the stored, not cancelled project that serves it.
    public var heldBy: [String: String]
    /// Resource external id → the resource.
    public var resources: [String: Resource]
    /// Project external id → the stored project.
    public var projects: [String: StoredProject]

    /// Makes the facts.
    public init(
        units: Set<String> = [], demands: [String: DemandState] = [:], heldBy: [String: String] = [:],
        resources: [String: Resource] = [:], projects: [String: StoredProject] = [:]
    ) {
        self.units = units
        self.demands = demands
        self.heldBy = heldBy
        self.resources = resources
        self.projects = projects
    }
}
