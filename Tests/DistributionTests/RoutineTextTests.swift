@testable import Distribution
import Testing

@Suite struct RoutineTextTests {
    @Test func commentsAndLiteralsAreBlankedAndStatementsFound() {
        let body = """
            BEGIN
                -- UPDATE demand SET x = random() in a comment
                /* DELETE FROM demand /* nested */ WHERE random() */
                IF TG_OP = 'UPDATE' THEN
                    UPDATE public."Demand" d SET title = 'random()' || E'\\'nextval(' WHERE d.id = NEW.id AND x < Clock_Timestamp();
                END IF;
                EXECUTE $q$DELETE FROM demand WHERE random() < 1$q$;
                SELECT 1 FROM demand FOR UPDATE;
                DELETE FROM ONLY demand_event WHERE id = $1;
                INSERT INTO counter AS c (k) VALUES (1) ON CONFLICT (k) DO UPDATE SET at = now() WHERE c.at < now() RETURNING gen_random_uuid();
            END
            """
        let found = RoutineText(body).modifications()
        #expect(found.map(\.verb) == [.update, .delete, .upsert])
        #expect(found.map(\.table) == ["Demand", "demand_event", "counter"])
        #expect(RoutineText.calls(in: found[0].text) == ["clock_timestamp"])
        #expect(RoutineText.calls(in: found[1].text).isEmpty)
        // RETURNING is not part of the upsert's SET/WHERE.
        #expect(RoutineText.calls(in: found[2].text) == ["now"])
    }

    @Test func schemaQualifiedCallsAndValueKeywordsCount() {
        let found = RoutineText("UPDATE t SET a = pg_catalog.nextval('s'), b = CURRENT_TIMESTAMP WHERE k = 1").modifications()
        #expect(found.count == 1)
        #expect(RoutineText.calls(in: found[0].text) == ["nextval", "current_timestamp"])
    }
}

@Suite struct RoutineTextImmutablePartsTests {
    @Test func caseCoalesceAndReturningAreTheGuardedParts() {
        let text = RoutineText("""
            UPDATE account_password SET locked_until = CASE WHEN n > 1 THEN now() + p_lock ELSE CASE WHEN x THEN y END END,
                note = coalesce(note, format('%s', (1))), at = clock_timestamp() WHERE id = 1 RETURNING current_timestamp INTO v
            """).modifications()[0].text
        let parts = RoutineText.immutableOnlyParts(of: text)
        #expect(parts.count == 4)  // the outer CASE, the inner CASE, the COALESCE, the RETURNING list
        #expect(parts[0].hasPrefix("case when n > 1") && parts[0].hasSuffix("end end"))
        #expect(parts[2] == "coalesce(note, format('  ', (1)))")
        #expect(parts.flatMap(RoutineText.calls(in:)) == ["now", "coalesce", "format", "current_timestamp"])
    }
}
