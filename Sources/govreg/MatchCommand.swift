import ArgumentParser

/// `govreg match …`: supply–demand matching (issue 4). For now `solve`, which runs the engine
/// on the benchmark kit's CSV files without a database.
struct MatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "供需匹配 Matching: demands with resources, optimally and explained.",
        subcommands: [Solve.self]
    )
}
