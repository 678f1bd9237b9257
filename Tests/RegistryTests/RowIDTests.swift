import Foundation
import Registry
import Testing

@Suite struct RowIDTests {
    @Test func wrapsABareNumber() throws {
        let demand: DemandID = 42
        #expect(demand.rawValue == 42)
        #expect(String(decoding: try JSONEncoder().encode(demand), as: UTF8.self) == "42")
        #expect(try JSONDecoder().decode(ProjectID.self, from: Data("7".utf8)) == ProjectID(7))
        #expect(DemandID(1) < DemandID(2))
    }
}
