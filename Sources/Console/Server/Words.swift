import Registry

/// The console's language: Chinese first, English on request (the switch in the header).
///
/// Pages say each thing in both languages at the place they say it, `words("需求", "Demands")`,
/// so a reader of the code sees both and nothing is looked up by key.
struct Words: Sendable {
    let english: Bool

    func callAsFunction(_ chinese: String, _ english: String) -> String { self.english ? english : chinese }

    /// A value of a closed list in this language.
    func name(_ value: some Vocabulary) -> String { english ? value.englishName : value.chineseName }

    var lang: String { english ? "en" : "zh-CN" }
}
