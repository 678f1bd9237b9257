import Foundation
import Postgres
import Registry
import RegistryStore

extension PointsStore {
    /// Pays a civic act by the rule table, once per occasion: the act's points per unit times
    /// its quantity, cut down to what the rule's cap leaves the holder in the period. An act
    /// that cannot be paid is recorded as unpaid (with `recordUnpaid`) and returned as such,
    /// never thrown: the change that reported it must not fail for the points.
    ///
    /// The holder's row is locked first, so two acts of one holder at once cannot both find
    /// room under the cap; the ledger's unique occasion makes a replayed act pay nothing
    /// (`INSERT … ON CONFLICT DO NOTHING`), even when two replays race.
    ///
    /// - Throws: Only what PostgreSQL throws (a handler must not swallow it).
    static func pay(
        _ act: CivicAct, settings: ModuleSettings, on day: CivilDate?, note: String?, recordUnpaid: Bool = true,
        in tx: TenantTransaction
    ) async throws -> AwardOutcome {
        // Texts an emitter sent are cut to what the tables keep (a NUL PostgreSQL cannot store).
        func kept(_ text: String, _ limit: Int) -> String {
            String(text.replacingOccurrences(of: "\0", with: "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(limit))
        }
        let occasion = kept(act.occasion, 200), kind = kept(act.kind, 60), code = kept(act.holder, 40)
        guard !occasion.isEmpty else { return AwardOutcome(line: nil, unpaid: .badAct, alreadyHeard: false) }
        let booked = try day ?? tx.today()

        if let earlier = try await Self.heard(occasion, tx) { return earlier }
        func unpaid(_ reason: UnpaidReason) async throws -> AwardOutcome {
            if recordUnpaid {
                let quantity = Int(Int32(clamping: act.quantity))
                try await tx.connection.execute("""
                    INSERT INTO points_unpaid_act (tenant_id, occasion, kind, holder_code, quantity, reason, heard_on)
                    VALUES (\(tx.tenantID), \(occasion), \(kind), \(code), \(quantity), \(reason.rawValue), \(booked.description)::date)
                    ON CONFLICT (tenant_id, occasion) DO NOTHING
                    """)
            }
            return AwardOutcome(line: nil, unpaid: reason, alreadyHeard: false)
        }
        guard act.kind.count <= 60, act.holder.count <= 40, act.occasion.count <= 200, (1...100_000).contains(act.quantity) else { return try await unpaid(.badAct) }
        guard let holder = try await tx.connection.query("""
            SELECT id FROM points_holder WHERE tenant_id = \(tx.tenantID) AND code = \(code) FOR UPDATE
            """).first?.decode(Int64.self, "id") else { return try await unpaid(.unknownHolder) }
        guard let rule = try await tx.connection.query("""
            SELECT points_per_unit, cap_per_period FROM points_rule WHERE tenant_id = \(tx.tenantID) AND kind = \(kind) AND active
            """).first else { return try await unpaid(.noRule) }

        let due = try rule.decode(Int.self, "points_per_unit") * act.quantity
        var points = due
        if let cap = try rule.decode(Int?.self, "cap_per_period") {
            let (start, end) = try Self.period(CapPeriod.of(settings), containing: booked)
            let earned = try await tx.connection.query("""
                SELECT coalesce(sum(points), 0)::bigint AS earned FROM points_ledger
                WHERE tenant_id = \(tx.tenantID) AND holder_id = \(holder) AND entry = 'award' AND kind = \(kind)
                  AND booked_on >= \(start.description)::date AND booked_on < \(end.description)::date
                """)[0].decode(Int64.self, "earned")
            points = min(due, max(0, cap - Int(earned)))
            guard points > 0 else { return try await unpaid(.capReached) }
        }
        let note = note.map { kept($0, 500) }
        let inserted = try await tx.connection.query("""
            INSERT INTO points_ledger (tenant_id, holder_id, entry, kind, quantity, occasion, capped, points, note, booked_on)
            VALUES (\(tx.tenantID), \(holder), 'award', \(kind), \(act.quantity), \(occasion), \(points < due), \(points), \(note),
                    \(booked.description)::date)
            ON CONFLICT (tenant_id, occasion) DO NOTHING RETURNING id
            """)
        guard let id = try inserted.first?.decode(Int64.self, "id") else {
            // Another transaction paid the same occasion meanwhile: it stays paid once.
            return try await Self.heard(occasion, tx) ?? AwardOutcome(line: nil, unpaid: nil, alreadyHeard: true)
        }
        return AwardOutcome(line: try await Self.lines(tx, where: " AND l.id = \(id)")[0], unpaid: nil, alreadyHeard: false)
    }

    /// What became of an occasion heard before: its ledger line, or why it was not paid.
    static func heard(_ occasion: String, _ tx: TenantTransaction) async throws -> AwardOutcome? {
        if let line = try await Self.lines(tx, where: " AND l.occasion = \(occasion)").first {
            return AwardOutcome(line: line, unpaid: nil, alreadyHeard: true)
        }
        if let row = try await tx.connection.query("""
            SELECT reason FROM points_unpaid_act WHERE tenant_id = \(tx.tenantID) AND occasion = \(occasion)
            """).first {
            return AwardOutcome(line: nil, unpaid: UnpaidReason(rawValue: try row.decode(String.self, "reason")), alreadyHeard: true)
        }
        return nil
    }

    /// The first day of the period containing `day`, and the first day after it.
    static func period(_ period: CapPeriod, containing day: CivilDate) throws -> (CivilDate, CivilDate) {
        switch period {
        case .month:
            let start = try CivilDate(year: day.year, month: day.month, day: 1)
            return (start, day.month == 12 ? try CivilDate(year: day.year + 1, month: 1, day: 1) : try CivilDate(year: day.year, month: day.month + 1, day: 1))
        case .year:
            return (try CivilDate(year: day.year, month: 1, day: 1), try CivilDate(year: day.year + 1, month: 1, day: 1))
        }
    }
}
