import Registry
import Testing

@Suite struct TenantSlugTests {
    @Test(arguments: ["langao", "ab", "shangjie-district", "leshan-shizhong-2024", "a" + String(repeating: "b", count: 39)])
    func acceptsSlugs(_ text: String) throws {
        #expect(try TenantSlug(text).rawValue == text)
    }

    @Test(arguments: [
        "", "a", "Langao", "2langao", "-langao", "lan_gao", "lan gao", "岚皋", "a" + String(repeating: "b", count: 40),
        "langao\n",
    ])
    func refusesOthers(_ text: String) throws {
        let error = try TestValues.refusal { _ = try TenantSlug(text) }
        #expect(error?.field == "slug")
    }
}
