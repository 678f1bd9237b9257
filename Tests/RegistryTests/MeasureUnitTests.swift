import Registry
import Testing

@Suite struct MeasureUnitTests {
    @Test func aResourceServesOnlyDemandsInItsOwnUnit() {
        for resource in MeasureUnit.allCases {
            for demand in MeasureUnit.allCases {
                #expect(resource.canServe(demand) == (resource == demand), "\(resource) → \(demand)")
            }
        }
    }

    @Test func yuanAmountsAreFen() {
        #expect(MeasureUnit.yuan.englishText(150_000) == "¥1,500.00")
        #expect(MeasureUnit.volunteerHours.englishText(12) == "12 volunteer hours")
        #expect(MeasureUnit.sessions.chineseText(3) == "3 场次")
    }

    @Test func resourceKindsHaveADefaultUnit() {
        #expect(ResourceKind.funds.defaultUnit == .yuan)
        #expect(ResourceKind.jobs.defaultUnit == .job)
        #expect(ResourceKind.volunteerHours.defaultUnit == .volunteerHours)
    }
}
