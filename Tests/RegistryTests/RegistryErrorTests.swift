import Registry
import Testing

@Suite struct RegistryErrorTests {
    @Test func describesFieldAndBothLanguages() {
        let error = RegistryError(.reasonRequired, field: "reason", chinese: "须说明理由", english: "a reason is required")
        #expect(error.description == "reason: 须说明理由 / a reason is required")
        #expect(error.code.description == "reason_required")
        #expect(RegistryError(.invalidValue, chinese: "中", english: "en").description == "中 / en")
    }

    @Test func codesAreDistinct() {
        let codes: [RegistryError.Code] = [
            .invalidValue, .illegalTransition, .reasonRequired, .mergeTargetRequired, .mergeIntoItself, .ratingRequired,
            .escalationNotUpward, .notAllowedInState, .alreadyRated, .progressWentBack, .insufficientRemaining,
            .returnExceedsDrawn, .unitMismatch,
        ]
        #expect(Set(codes).count == codes.count)
        #expect(Set(codes.map(\.description)).count == codes.count)
    }
}
