import Registry
import Testing

@Suite struct EscalationLevelTests {
    @Test func ordersGridToDistrict() {
        #expect(EscalationLevel.allCases.sorted() == [.grid, .community, .street, .district])
        #expect(EscalationLevel.grid.next == .community)
        #expect(EscalationLevel.community.next == .street)
        #expect(EscalationLevel.street.next == .district)
        #expect(EscalationLevel.district.next == nil)
    }

    @Test func orgUnitKindsStartAtTheirRung() {
        #expect(OrgUnitKind.building.startingLevel == .grid)
        #expect(OrgUnitKind.compound.startingLevel == .grid)
        #expect(OrgUnitKind.microGrid.startingLevel == .grid)
        #expect(OrgUnitKind.village.startingLevel == .community)
        #expect(OrgUnitKind.town.startingLevel == .street)
    }
}
