/// One unit with what hangs off it: its members (masked) and its resources.
public struct UnitDetail: Sendable, Encodable {
    public var unit: UnitRecord
    public var members: [MemberRecord]
    public var resources: [ResourceRecord]
}
