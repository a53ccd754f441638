package nl.mantelkring.employers.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nl.mantelkring.platform.api.audit.AuditEntry;
import nl.mantelkring.platform.api.audit.AuditLog;

/** The contact persons are erased after the retention period, per tenant policy, and each erasure is audited. */
class ContactRetentionJobTest {

    private static final Instant NOW = LocalDate.of(2026, 11, 23).atStartOfDay().toInstant(ZoneOffset.UTC);

    private static EmployerStore employers;
    private static RecognitionStore recognitions;
    private static FakePolicyStore policy;
    private static final List<AuditEntry> AUDITED = new CopyOnWriteArrayList<>();
    private static ContactRetentionJob job;

    @BeforeAll
    static void setUp() {
        employers = new EmployerStore(new TestDatabase());
        recognitions = new RecognitionStore(employers);
        policy = new FakePolicyStore();
        job = new ContactRetentionJob(employers, new EmployersPolicy(policy), new AuditLog() {
            @Override
            public long record(AuditEntry entry) {
                AUDITED.add(entry);
                return AUDITED.size();
            }

            @Override
            public long record(Connection connection, AuditEntry entry) {
                return record(entry);
            }
        });
    }

    @BeforeEach
    void empty() {
        employers.jdbc().update("delete from employers_recognition");
        employers.jdbc().update("delete from employers_employer");
        policy.clear();
        AUDITED.clear();
    }

    private static String employer(String tenant, String kvk, Instant lastChange) {
        String id = employers.create(tenant, Employer.validate(new Employer.Input("Werkgever " + kvk, kvk, "ict",
                "klein", null, new Employer.Contact("A. Contact", "a@example.nl", null),
                new Employer.Contact("M. Steun", null, "0201234567")))).id();
        employers.jdbc().update("update employers_employer set updated_at = ? where id = ?", lastChange, id);
        return id;
    }

    @Test
    void contactPersonsAreErasedAfterTheRetentionPeriodAndAudited() {
        Instant fourYearsAgo = NOW.atOffset(ZoneOffset.UTC).minusYears(4).toInstant();
        Instant lastYear = NOW.atOffset(ZoneOffset.UTC).minusYears(1).toInstant();
        String old = employer("GM0363", "10000001", fourYearsAgo);
        String recent = employer("GM0363", "10000002", lastYear);
        // old, but a recognition changed last year: kept
        String active = employer("GM0363", "10000003", fourYearsAgo);
        recognitions.create("GM0363", active, Recognition.validate(new Recognition.Input(null, null, null, null, null,
                null), LocalDate.of(2026, 1, 1)), null, LocalDate.of(2026, 1, 1));
        employers.jdbc().update("update employers_recognition set updated_at = ?", lastYear);
        // another tenant keeps contact persons for 60 months
        policy.put("GM0344", EmployersPolicy.RETENTION, "{\"contactpersonenMaanden\": 60}");
        String utrecht = employer("GM0344", "10000004", fourYearsAgo);

        assertEquals(1, job.run(NOW));
        Employer.View erased = employers.find("GM0363", old).orElseThrow();
        assertNull(erased.contact());
        assertNull(erased.careContact());
        assertEquals("Werkgever 10000001", erased.name());
        assertNotNull(employers.find("GM0363", recent).orElseThrow().contact());
        assertNotNull(employers.find("GM0363", active).orElseThrow().contact());
        assertNotNull(employers.find("GM0344", utrecht).orElseThrow().careContact());
        assertEquals(1, AUDITED.size());
        AuditEntry e = AUDITED.get(0);
        assertEquals("GM0363", e.tenant());
        assertEquals(ContactRetentionJob.ACTOR, e.actor());
        assertEquals(ContactRetentionJob.ACTIVITY, e.activity());
        assertEquals(old, e.subjectId());
        // a second run finds nothing more to do
        assertEquals(0, job.run(NOW));
        // an unusable policy value skips that tenant rather than applying a default
        policy.put("GM0344", EmployersPolicy.RETENTION, "{\"contactpersonenMaanden\": \"kort\"}");
        assertEquals(0, job.run(NOW.atOffset(ZoneOffset.UTC).plusYears(2).toInstant()));
        assertNotNull(employers.find("GM0344", utrecht).orElseThrow().careContact());
    }
}
