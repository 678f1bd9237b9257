/// A dated step a project plans to reach, e.g. 材料到位 by 2024-05-01.
public struct Milestone: Hashable, Sendable, Codable {
    /// What is to be reached.
    public var title: String
    /// By when.
    public var dueOn: CivilDate?
    /// When it was reached, once it has been.
    public var reachedOn: CivilDate?

    /// Makes a milestone.
    public init(title: String, dueOn: CivilDate? = nil, reachedOn: CivilDate? = nil) {
        self.title = title
        self.dueOn = dueOn
        self.reachedOn = reachedOn
    }
}
