import Foundation
import Registry
import Testing

@Suite struct PriorityTests {
    @Test func acceptsOneToFive() throws {
        #expect(try (1...5).map { try Priority($0).value } == [1, 2, 3, 4, 5])
        #expect(Priority.lowest < .normal && .normal < .highest)
        for bad in [0, 6, -1] {
            #expect(throws: RegistryError.self) { try Priority(bad) }
        }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Priority.self, from: Data("9".utf8)) }
    }
}
