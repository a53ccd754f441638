package nl.mantelkring.platform.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import nl.mantelkring.platform.api.audit.AuditEntry;
import nl.mantelkring.platform.internal.H2TestSupport;
import nl.mantelkring.platform.internal.audit.AuditLogImpl;

class AuditFieldsTest extends H2TestSupport {

    @Test
    void controlCharactersAndLoneSurrogatesAreReplaced() {
        assertEquals("a\uFFFDb\uFFFDc\uFFFD", AuditFields.fit("a\u0000b\u001Bc\uD800", 100));
        assertEquals("tab\uFFFDnl\uFFFD", AuditFields.fit("tab\tnl\n", 100));
        assertEquals("\uD83D\uDE00 ok", AuditFields.fit("\uD83D\uDE00 ok", 100), "a surrogate pair is a character");
    }

    @Test
    void longValuesAreCutWithoutSplittingAPair() {
        assertEquals("x".repeat(100), AuditFields.fit("x".repeat(5000), 100));
        String pairAtEdge = "x".repeat(99) + "\uD83D\uDE00";
        assertEquals("x".repeat(99), AuditFields.fit(pairAtEdge, 100));
    }

    @Test
    void aValueThatFitsIsKeptAsIs() {
        String id = "3f2c9a1e-0000-4000-8000-000000000000";
        assertSame(id, AuditFields.fit(id, 100));
        assertNull(AuditFields.fit(null, 100));
    }

    /** The widths used here are those of the table: a migration that narrows a column fails this test. */
    @Test
    void widthsMatchTheAuditTable() throws IOException {
        String sql;
        try (InputStream in = AuditLogImpl.class.getResourceAsStream("/db/platform/V1__platform.sql")) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String table = sql.substring(sql.indexOf("create table audit_entry"));
        table = table.substring(0, table.indexOf(");"));
        Map<String, Integer> expected = Map.of("actor", AuditFields.ACTOR, "actor_roles", AuditFields.ACTOR_ROLES,
                "record_id", AuditFields.RECORD_ID, "subject_id", AuditFields.SUBJECT_ID, "purpose",
                AuditFields.PURPOSE, "outcome", AuditFields.OUTCOME, "tenant", 6, "correlation_id", 64);
        for (var e : expected.entrySet()) {
            Matcher m = Pattern.compile("\\b" + e.getKey() + "\\s+varchar\\((\\d+)\\)").matcher(table);
            assertTrue(m.find(), e.getKey());
            assertEquals(e.getValue().intValue(), Integer.parseInt(m.group(1)), e.getKey());
        }
    }

    /** Hostile values, once fitted, are stored and the chain still verifies (hashes over what was stored). */
    @Test
    void fittedHostileValuesAreStoredAndVerify() {
        AuditLogImpl log = new AuditLogImpl(db);
        String hostile = "\u0000\u001B[31m" + "\uD800".repeat(3) + "x".repeat(1000);
        log.record(new AuditEntry("GM0363", AuditFields.fit("user" + hostile, AuditFields.ACTOR),
                AuditFields.fit("consultant@GM0363,".repeat(60), AuditFields.ACTOR_ROLES), "mantelzorger.lezen",
                "mantelzorger", AuditFields.fit(hostile, AuditFields.RECORD_ID),
                AuditFields.fit(hostile, AuditFields.SUBJECT_ID),
                AuditFields.fit("Doel (doel: " + AuditFields.fit(hostile, AuditFields.STATED_PURPOSE) + ")".repeat(200),
                        AuditFields.PURPOSE), true, "c1", AuditFields.fit("geslaagd 200", AuditFields.OUTCOME)));
        assertTrue(log.verify("GM0363").valid());
    }
}
