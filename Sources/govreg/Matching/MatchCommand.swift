import ArgumentParser

/// `govreg match …`: supply–demand matching (供需匹配) — run it on a tenant's lists, review the
/// run, compare runs, accept one into the project list; or solve a benchmark-kit instance.
struct MatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "供需匹配 Matching: demands with resources, optimally and explained.",
        discussion: """
            A run maximises the priority-weighted quantity served, then minimises the cost terms \
            (hierarchy distance, 包联 contract bonus, unit cost); see README, "Matching". \
            Typical use: match run → match show → match accept.
            """,
        subcommands: [Run.self, List.self, Show.self, Diff.self, Accept.self, Revoke.self, Discard.self, Weights.self, Solve.self]
    )
}
