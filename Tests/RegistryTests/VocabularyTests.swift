import Registry
import Testing

@Suite struct VocabularyTests {
    /// Checks one vocabulary: stored values are lowercase snake_case and unique, every value
    /// has names in both languages, and each name reads back as its value.
    func check<V: Vocabulary>(_ type: V.Type) throws {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789_")
        #expect(Set(V.storedValues).count == V.allCases.count, "\(V.self) has duplicate values")
        for value in V.allCases {
            let snakeCase = value.rawValue.allSatisfy { allowed.contains($0) } && value.rawValue.first?.isLetter == true
            #expect(snakeCase, "\(value)")
            #expect(!value.chineseName.isEmpty && !value.englishName.isEmpty)
            #expect(try V(parsing: value.rawValue) == value)
            #expect(try V(parsing: value.chineseName) == value)
            #expect(try V(parsing: value.englishName.uppercased()) == value)
            #expect("\(value)" == value.rawValue)
        }
        #expect(throws: RegistryError.self) { try V(parsing: "no such value") }
    }

    @Test func everyVocabularyIsWellFormed() throws {
        try check(OrgUnitKind.self)
        try check(EscalationLevel.self)
        try check(UnitKind.self)
        try check(ResourceKind.self)
        try check(MeasureUnit.self)
        try check(TenantStatus.self)
        try check(EventVisibility.self)
        try check(DemandState.self)
        try check(PublicStatus.self)
        try check(ProjectStatus.self)
        try check(ResourceStatus.self)
        try check(LedgerEntry.Kind.self)
    }

    @Test func storedValuesAreTheOnesTheSchemaChecks() {
        #expect(
            DemandState.storedValues == [
                "draft", "submitted", "accepted", "matched", "in_project", "resolved", "rated", "rejected", "merged",
                "withdrawn",
            ])
        #expect(OrgUnitKind.storedValues == ["street", "town", "community", "village", "grid", "micro_grid", "compound", "building"])
        #expect(UnitKind.storedValues == ["department", "state_enterprise", "school", "social_organisation", "property_company", "other"])
        #expect(MeasureUnit.storedValues == ["yuan", "volunteer_hours", "items", "sessions", "job"])
    }

    @Test func compoundReadsFromEitherChineseWord() throws {
        #expect(try OrgUnitKind(parsing: "小区") == .compound)
        #expect(try OrgUnitKind(parsing: " 院落 ") == .compound)
    }
}
