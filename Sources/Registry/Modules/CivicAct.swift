/// A civic act a district may reward with points (积分制): volunteer hours confirmed, a
/// micro-wish fulfilled, a bench talk attended, an order rated … Any module (or the core) emits
/// it with `tx.emit([act])` when the act is done; a points module that is enabled hears it and
/// pays by its district's rule table, and one that is not leaves it unheard. It is declared in
/// the core, not in the points module, so that the modules doing the acts need not import the
/// one paying for them.
///
/// `occasion` names the act once and for all (`micro_wishes.wish:42.fulfilled`): the same act
/// reported again — a replayed request, a retried import — pays nothing more.
public struct CivicAct: GovernanceEvent, Hashable {
    /// The kind of act, as rule tables name it: lowercase words with underscores
    /// (`micro_wish_fulfilled`, `volunteer_hours`, `bench_talk_attended`).
    public var kind: String
    /// Who earns: the points holder's code as the district records it (a household's or a
    /// resident's number in the points module's register, never a name or a phone number).
    public var holder: String
    /// How much of the act: hours for volunteer hours, 1 for a single act.
    public var quantity: Int
    /// The act's unique name, the key that makes paying for it idempotent.
    public var occasion: String

    public init(kind: String, holder: String, quantity: Int = 1, occasion: String) {
        self.kind = kind
        self.holder = holder
        self.quantity = quantity
        self.occasion = occasion
    }

    public var name: String { "civic_act.recorded" }
}
