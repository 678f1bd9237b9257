public import Registry

/// What the public site shows of each list: public items only, coarse public status, no
/// personal data, no description, note, reason, actor or contact (read from the
/// `public_*` views of migrations 0010 and 0019).
public enum PublicItems {
    /// A disclosed demand.
    public struct Demand: Sendable, Hashable, Codable {
        public var id: Int64
        public var title: String
        public var category: String
        public var categoryName: String
        /// The community (or street) it was raised in: never a grid, compound or building.
        public var place: String
        public var quantity: Int64
        public var measureUnit: String
        public var filedOn: CivilDate
        public var dueOn: CivilDate?
        /// `received`, `in_progress`, `done` or `not_taken_up`.
        public var status: String
        /// The public statuses it went through, by day (on its own page only).
        public var history: [Step]?
        /// The disclosed projects serving it (on its own page only).
        public var projects: [Link]?
    }

    /// A disclosed resource.
    public struct Resource: Sendable, Hashable, Codable {
        public var id: Int64
        public var title: String
        /// The registered unit that offers it (an organisation, not a person).
        public var unit: String
        public var category: String
        public var kind: String
        public var measureUnit: String
        public var pledged: Int64
        public var remaining: Int64
        public var availableFrom: CivilDate?
        public var availableUntil: CivilDate?
        public var status: String
    }

    /// A disclosed project.
    public struct Project: Sendable, Hashable, Codable {
        public var id: Int64
        public var title: String
        /// The responsible unit (an organisation).
        public var unit: String
        public var budgetFen: Int64?
        public var startsOn: CivilDate?
        public var dueOn: CivilDate?
        public var status: String
        public var progressPercent: Int
        public var completedOn: CivilDate?
        public var checkedOn: CivilDate?
        public var rating: Int?
        /// Its milestones and progress reports, and the disclosed demands it serves (on its own page only).
        public var milestones: [Milestone]?
        public var progress: [Progress]?
        public var demands: [Link]?
    }

    public struct Step: Sendable, Hashable, Codable {
        public var on: CivilDate
        public var status: String
    }

    public struct Link: Sendable, Hashable, Codable {
        public var id: Int64
        public var title: String
    }

    public struct Milestone: Sendable, Hashable, Codable {
        public var title: String
        public var dueOn: CivilDate?
        public var doneOn: CivilDate?
    }

    public struct Progress: Sendable, Hashable, Codable {
        public var on: CivilDate
        public var percent: Int
    }

    /// A street or community residents can filter by.
    public struct Area: Sendable, Hashable, Codable {
        public var code: String
        public var name: String
        /// `street` or `community` (towns count as streets, villages as communities).
        public var level: String
        /// The street's code, for a community.
        public var street: String?
    }

    /// One page of a list: the items, and the cursor of the next page when there is one.
    public struct Page<Item: Sendable & Hashable & Codable>: Sendable, Hashable, Codable {
        public var items: [Item]
        public var next: Int64?
    }
}
