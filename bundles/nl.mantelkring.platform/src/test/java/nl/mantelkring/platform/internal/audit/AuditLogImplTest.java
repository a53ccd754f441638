package nl.mantelkring.platform.internal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nl.mantelkring.platform.api.Page;
import nl.mantelkring.platform.api.PageRequest;
import nl.mantelkring.platform.api.audit.AuditEntry;
import nl.mantelkring.platform.internal.H2TestSupport;
import nl.mantelkring.platform.internal.PostgresqlTestDatabase;
import nl.mantelkring.platform.internal.audit.AuditLogImpl.Query;
import nl.mantelkring.platform.internal.audit.AuditLogImpl.Verification;

class AuditLogImplTest extends H2TestSupport {

    private static final String AMSTERDAM = "GM0363";
    private static final String UTRECHT = "GM0344";
    private static final Query ALL = new Query(null, null, null, null, null, null, null);

    private AuditLogImpl log;

    @BeforeEach
    void setUp() {
        log = new AuditLogImpl(db);
    }

    private static AuditEntry entry(String tenant, String actor, String recordType, String recordId) {
        return new AuditEntry(tenant, actor, "consultant@" + tenant, recordType + ".lezen", recordType, recordId,
                "subject-" + recordId, "Wmo 2015 art. 2.1.6", true, "corr-" + recordId, "geslaagd");
    }

    private static AuditEntry entry(String tenant, int n) {
        return entry(tenant, "user" + n, "mantelzorger", "r" + n);
    }

    @Test
    void sequenceNumbersCountUpPerChain() {
        assertEquals(1, log.record(entry(AMSTERDAM, 1)));
        assertEquals(2, log.record(entry(AMSTERDAM, 2)));
        assertEquals(3, log.record(entry(AMSTERDAM, 3)));

        Verification v = log.verify(AMSTERDAM);
        assertTrue(v.valid(), v::problem);
        assertEquals(3, v.checked());
        assertNull(v.firstBadSeq());
        assertNull(v.problem());
    }

    @Test
    void eachTenantHasItsOwnChainAndInstallationWideEventsGoToPlatform() {
        assertEquals(1, log.record(entry(AMSTERDAM, 1)));
        assertEquals(1, log.record(entry(UTRECHT, 1)));
        assertEquals(2, log.record(entry(AMSTERDAM, 2)));
        assertEquals(1, log.record(entry(null, "root", "gemeente", "GM0599")));
        assertEquals(2, log.record(entry(UTRECHT, 2)));
        assertEquals(3, log.record(entry(AMSTERDAM, 3)));

        assertEquals(3, log.verify(AMSTERDAM).checked());
        assertEquals(2, log.verify(UTRECHT).checked());
        assertEquals(1, log.verify(AuditLogImpl.PLATFORM_CHAIN).checked());
        for (String chain : List.of(AMSTERDAM, UTRECHT, AuditLogImpl.PLATFORM_CHAIN)) {
            assertTrue(log.verify(chain).valid(), chain);
        }
        assertEquals(3, log.find(AMSTERDAM, ALL, PageRequest.of(1, 20)).paging().total());
        assertEquals(2, log.find(UTRECHT, ALL, PageRequest.of(1, 20)).paging().total());
        StoredAuditEntry platform = log.find(AuditLogImpl.PLATFORM_CHAIN, ALL, PageRequest.of(1, 20)).items().get(0);
        assertNull(platform.entry().tenant());
        assertEquals("GM0599", platform.entry().recordId());
    }

    @Test
    void emptyChainVerifies() {
        Verification v = log.verify(AMSTERDAM);
        assertTrue(v.valid());
        assertEquals(0, v.checked());
    }

    @Test
    void entriesAreLinkedByTheirHashes() {
        for (int i = 1; i <= 3; i++) {
            log.record(entry(AMSTERDAM, i));
        }
        List<StoredAuditEntry> rows = new ArrayList<>(log.find(AMSTERDAM, ALL, PageRequest.of(1, 20)).items());
        java.util.Collections.reverse(rows);
        assertEquals(AuditHash.GENESIS, rows.get(0).prevHash());
        assertEquals(rows.get(0).hash(), rows.get(1).prevHash());
        assertEquals(rows.get(1).hash(), rows.get(2).prevHash());
        for (StoredAuditEntry s : rows) {
            assertEquals(64, s.hash().length());
            assertEquals(AuditHash.of(s.chain(), s.seq(), s.occurredAt(), s.entry(), s.prevHash()), s.hash());
        }
    }

    @Test
    void storedEntryKeepsEveryField() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        AuditEntry e = new AuditEntry(AMSTERDAM, "anna", "consultant@GM0363", "mantelzorger.wijzigen",
                "mantelzorger", "42", "p-7", "Wmo 2015", false, "abc123", "geweigerd 403");
        log.record(e);
        StoredAuditEntry s = log.find(AMSTERDAM, ALL, PageRequest.of(1, 20)).items().get(0);
        assertEquals(e, s.entry());
        assertEquals(AMSTERDAM, s.chain());
        assertEquals(1, s.seq());
        assertFalse(s.occurredAt().isBefore(before));
        assertFalse(s.occurredAt().isAfter(Instant.now()));
    }

    @Test
    void nullOptionalFieldsAreHashedAndVerified() {
        log.record(new AuditEntry(AMSTERDAM, "systeem:bewaartermijn", null, "bewaartermijn.opschonen", "mantelzorger",
                null, null, null, false, null, "geslaagd"));
        log.record(new AuditEntry(AMSTERDAM, "systeem:bewaartermijn", "", "bewaartermijn.opschonen", "mantelzorger",
                "", "", "", false, "", "geslaagd"));
        assertTrue(log.verify(AMSTERDAM).valid());
        // null and empty must hash differently, or a null could be swapped for "" unnoticed
        List<StoredAuditEntry> rows = log.find(AMSTERDAM, ALL, PageRequest.of(1, 20)).items();
        assertNull(rows.get(1).entry().recordId());
        assertEquals("", rows.get(0).entry().recordId());
        db.execute("update audit_entry set record_id = '' where chain = 'GM0363' and seq = 1");
        Verification v = log.verify(AMSTERDAM);
        assertFalse(v.valid());
        assertEquals(1L, v.firstBadSeq());
    }

    @Test
    void alteredEntryIsDetected() {
        for (int i = 1; i <= 5; i++) {
            log.record(entry(AMSTERDAM, i));
        }
        assertEquals(1, db.execute("update audit_entry set actor = 'mallory' where chain = 'GM0363' and seq = 3"));

        Verification v = log.verify(AMSTERDAM);
        assertFalse(v.valid());
        assertEquals(3L, v.firstBadSeq());
        assertEquals(2, v.checked());
        assertTrue(v.problem().contains("3"), v.problem());
        assertTrue(log.verify(UTRECHT).valid(), "other chains are unaffected");
    }

    @Test
    void alteredTimestampOrFlagIsDetected() {
        for (int i = 1; i <= 3; i++) {
            log.record(entry(AMSTERDAM, i));
        }
        db.execute("update audit_entry set personal_data = false where chain = 'GM0363' and seq = 2");
        assertEquals(2L, log.verify(AMSTERDAM).firstBadSeq());
    }

    @Test
    void alteredEntryWithRecomputedOwnHashBreaksTheNextLink() {
        for (int i = 1; i <= 3; i++) {
            log.record(entry(AMSTERDAM, i));
        }
        StoredAuditEntry second = log.find(AMSTERDAM, new Query(null, null, "r2", null, null, null, null),
                PageRequest.of(1, 1)).items().get(0);
        AuditEntry forged = entry(AMSTERDAM, "mallory", "mantelzorger", "r2");
        String forgedHash = AuditHash.of(AMSTERDAM, 2, second.occurredAt(), forged, second.prevHash());
        db.execute("update audit_entry set actor = 'mallory', actor_roles = 'consultant@GM0363', hash = '"
                + forgedHash + "' where chain = 'GM0363' and seq = 2");

        Verification v = log.verify(AMSTERDAM);
        assertFalse(v.valid());
        assertEquals(3L, v.firstBadSeq());
        assertEquals(2, v.checked());
    }

    @Test
    void deletedMiddleEntryIsDetected() {
        for (int i = 1; i <= 5; i++) {
            log.record(entry(AMSTERDAM, i));
        }
        assertEquals(1, db.execute("delete from audit_entry where chain = 'GM0363' and seq = 3"));

        Verification v = log.verify(AMSTERDAM);
        assertFalse(v.valid());
        assertEquals(3L, v.firstBadSeq());
        assertEquals(2, v.checked());
    }

    @Test
    void deletedMiddleEntryWithRenumberingBreaksTheLink() {
        for (int i = 1; i <= 4; i++) {
            log.record(entry(AMSTERDAM, i));
        }
        db.execute("delete from audit_entry where chain = 'GM0363' and seq = 2");
        db.execute("update audit_entry set seq = seq - 1 where chain = 'GM0363' and seq > 2");

        Verification v = log.verify(AMSTERDAM);
        assertFalse(v.valid());
        assertEquals(2L, v.firstBadSeq());
    }

    @Test
    void deletedFirstEntryIsDetected() {
        for (int i = 1; i <= 3; i++) {
            log.record(entry(AMSTERDAM, i));
        }
        db.execute("delete from audit_entry where chain = 'GM0363' and seq = 1");
        Verification v = log.verify(AMSTERDAM);
        assertFalse(v.valid());
        assertEquals(1L, v.firstBadSeq());
        assertEquals(0, v.checked());
    }

    @Test
    void deletedLastEntryIsDetectedAgainstTheChainHead() {
        for (int i = 1; i <= 4; i++) {
            log.record(entry(AMSTERDAM, i));
        }
        assertEquals(1, db.execute("delete from audit_entry where chain = 'GM0363' and seq = 4"));

        Verification v = log.verify(AMSTERDAM);
        assertFalse(v.valid());
        assertEquals(4L, v.firstBadSeq());
        assertEquals(3, v.checked());
    }

    @Test
    void deletedWholeTailIsDetected() {
        for (int i = 1; i <= 4; i++) {
            log.record(entry(AMSTERDAM, i));
        }
        db.execute("delete from audit_entry where chain = 'GM0363'");
        Verification v = log.verify(AMSTERDAM);
        assertFalse(v.valid());
        assertEquals(1L, v.firstBadSeq());
        assertEquals(0, v.checked());
    }

    @Test
    void appendingContinuesAfterTheHead() {
        log.record(entry(AMSTERDAM, 1));
        log.record(entry(AMSTERDAM, 2));
        // a fresh instance (e.g. after a restart) continues the same chain
        AuditLogImpl again = new AuditLogImpl(db);
        assertEquals(3, again.record(entry(AMSTERDAM, 3)));
        assertTrue(again.verify(AMSTERDAM).valid());
    }

    @Test
    void findFiltersByActorRecordTypeAndRecordId() {
        log.record(entry(AMSTERDAM, "anna", "mantelzorger", "1"));
        log.record(entry(AMSTERDAM, "bob", "mantelzorger", "2"));
        log.record(entry(AMSTERDAM, "anna", "waardering", "1"));
        log.record(entry(AMSTERDAM, "anna", "mantelzorger", "1"));
        log.record(entry(UTRECHT, "anna", "mantelzorger", "1"));

        PageRequest all = PageRequest.of(1, 20);
        assertEquals(List.of(4L, 3L, 1L), seqs(log.find(AMSTERDAM, new Query("anna", null, null, null, null, null,
                null), all)));
        assertEquals(List.of(2L), seqs(log.find(AMSTERDAM, new Query("bob", null, null, null, null, null, null),
                all)));
        assertEquals(List.of(4L, 2L, 1L), seqs(log.find(AMSTERDAM, new Query(null, "mantelzorger", null, null, null,
                null, null), all)));
        assertEquals(List.of(4L, 1L), seqs(log.find(AMSTERDAM, new Query(null, "mantelzorger", "1", null, null,
                null, null), all)));
        assertEquals(List.of(4L, 3L, 1L), seqs(log.find(AMSTERDAM, new Query(null, null, "1", null, null, null,
                null), all)));
        assertEquals(List.of(3L), seqs(log.find(AMSTERDAM, new Query("anna", "waardering", "1", null, null, null,
                null), all)));
        assertEquals(List.of(2L), seqs(log.find(AMSTERDAM, new Query(null, null, null, "subject-2", null, null,
                null), all)));
        assertEquals(List.of(3L), seqs(log.find(AMSTERDAM, new Query(null, null, null, null, "waardering.lezen",
                null, null), all)));
        Page<StoredAuditEntry> none = log.find(AMSTERDAM, new Query("carl", null, null, null, null, null, null),
                all);
        assertTrue(none.items().isEmpty());
        assertEquals(0, none.paging().total());
        assertEquals(0, none.paging().pages());
    }

    @Test
    void findFiltersByTime() throws Exception {
        log.record(entry(AMSTERDAM, 1));
        Thread.sleep(5);
        Instant middle = Instant.now();
        Thread.sleep(5);
        log.record(entry(AMSTERDAM, 2));

        PageRequest all = PageRequest.of(1, 20);
        assertEquals(List.of(1L), seqs(log.find(AMSTERDAM, new Query(null, null, null, null, null, null, middle),
                all)));
        assertEquals(List.of(2L), seqs(log.find(AMSTERDAM, new Query(null, null, null, null, null, middle, null),
                all)));
        assertEquals(List.of(2L, 1L), seqs(log.find(AMSTERDAM, new Query(null, null, null, null, null,
                middle.minusSeconds(60), middle.plusSeconds(60)), all)));
    }

    @Test
    void findPagesNewestFirst() {
        for (int i = 1; i <= 7; i++) {
            log.record(entry(AMSTERDAM, i));
        }
        Page<StoredAuditEntry> p1 = log.find(AMSTERDAM, ALL, PageRequest.of(1, 3));
        assertEquals(List.of(7L, 6L, 5L), seqs(p1));
        assertEquals(new Page.Paging(1, 3, 7, 3), p1.paging());
        assertEquals(List.of(4L, 3L, 2L), seqs(log.find(AMSTERDAM, ALL, PageRequest.of(2, 3))));
        Page<StoredAuditEntry> p3 = log.find(AMSTERDAM, ALL, PageRequest.of(3, 3));
        assertEquals(List.of(1L), seqs(p3));
        assertEquals(7, p3.paging().total());
        assertTrue(log.find(AMSTERDAM, ALL, PageRequest.of(4, 3)).items().isEmpty());
    }

    @Test
    void concurrentAppendsToOneChainStayGapFree() throws Exception {
        log.record(entry(AMSTERDAM, 0)); // the chain head exists; the threads contend on its row lock
        runConcurrently(8, 25);
        assertGapFree(1 + 8 * 25);
    }

    @Test
    void concurrentFirstAppendsToANewChainStayGapFree() throws Exception {
        // no head row yet: the threads race to create it and the losers must retry
        runConcurrently(8, 10);
        assertGapFree(8 * 10);
    }

    @Test
    void verifyingWhileEntriesAreWrittenNeverRaisesAFalseAlarm() throws Exception {
        log.record(entry(AMSTERDAM, 0));
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<?> writing = writer.submit(() -> {
                for (int i = 1; i <= 300; i++) {
                    log.record(entry(AMSTERDAM, i));
                }
            });
            do {
                Verification v = log.verify(AMSTERDAM);
                assertTrue(v.valid(), () -> "false alarm while writing: " + v.problem());
            } while (!writing.isDone());
            writing.get(30, TimeUnit.SECONDS);
            assertEquals(301, log.verify(AMSTERDAM).checked());
        } finally {
            writer.shutdownNow();
        }
    }

    @Test
    void entriesWrittenInTheRepeatedHourOfDaylightSavingTimeStillVerify() {
        java.util.TimeZone previous = java.util.TimeZone.getDefault();
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Europe/Amsterdam"));
        try {
            // the instant stored and read back must be the same whatever the JVM's zone
            Instant repeatedHour = Instant.parse("2024-10-27T01:30:00.123Z");
            nl.mantelkring.platform.api.data.Jdbc jdbc = new nl.mantelkring.platform.api.data.Jdbc(db.dataSource());
            jdbc.update("insert into tenant (code, name, status, created_at, updated_at) values (?, ?, ?, ?, ?)",
                    "GM9998", "Zomertijd", "actief", repeatedHour, repeatedHour);
            Instant read = jdbc.queryOne("select created_at from tenant where code = ?",
                    rs -> nl.mantelkring.platform.api.data.Jdbc.instant(rs, "created_at"), "GM9998").orElseThrow();
            assertEquals(repeatedHour, read);
            log.record(entry(AMSTERDAM, 1));
            assertTrue(log.verify(AMSTERDAM).valid());
        } finally {
            java.util.TimeZone.setDefault(previous);
        }
    }

    @Test
    void anEntryInTheCallersTransactionCommitsAndRollsBackWithIt() throws Exception {
        nl.mantelkring.platform.api.data.Jdbc jdbc = new nl.mantelkring.platform.api.data.Jdbc(db.dataSource());
        db.insertTenant(AMSTERDAM);
        // rolled back: neither the data change nor the entry remains
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> jdbc.inTransaction(c -> {
            nl.mantelkring.platform.api.data.Jdbc.update(c, "update tenant set name = 'X' where code = ?", AMSTERDAM);
            log.record(c, entry(AMSTERDAM, 1));
            throw new IllegalStateException("the caller fails after writing");
        }));
        assertEquals(0, log.verify(AMSTERDAM).checked());
        assertEquals("Gemeente " + AMSTERDAM, jdbc.queryOne("select name from tenant where code = ?",
                rs -> rs.getString(1), AMSTERDAM).orElseThrow());
        // committed: both remain, and the chain verifies
        long seq = jdbc.inTransaction(c -> {
            nl.mantelkring.platform.api.data.Jdbc.update(c, "update tenant set name = 'Y' where code = ?", AMSTERDAM);
            return log.record(c, entry(AMSTERDAM, 2));
        });
        assertEquals(1, seq);
        assertTrue(log.verify(AMSTERDAM).valid());
        // outside a transaction it is refused
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> jdbc.inConnection(c -> log.record(c, entry(AMSTERDAM, 3))));
    }

    @Test
    void concurrentFirstAppendsInCallersTransactionsToANewChainAllSucceed() throws Exception {
        // the callers' own transactions cannot be retried by the log: nobody may lose the race for the new head
        runConcurrently(8, 5, db.dataSource(), AMSTERDAM);
        assertGapFree(8 * 5);
    }

    @Test
    void concurrentFirstAppendsInCallersTransactionsToANewChainAllSucceedOnPostgresql() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(PostgresqlTestDatabase.available(), "no PostgreSQL given");
        try (PostgresqlTestDatabase pg = new PostgresqlTestDatabase()) {
            AuditLogImpl h2Log = log;
            log = new AuditLogImpl(pg);
            try {
                for (int round = 0; round < 5; round++) {
                    String chain = "GM90" + (10 + round);
                    runConcurrently(8, 1, pg.dataSource(), chain);
                    assertTrue(log.verify(chain).valid());
                    assertEquals(8, log.verify(chain).checked());
                }
            } finally {
                log = h2Log;
            }
        }
    }

    private void runConcurrently(int threads, int perThread) throws Exception {
        runConcurrently(threads, perThread, null, AMSTERDAM);
    }

    /** Appends from several threads at once: with {@code log.record(entry)}, or in callers' transactions on the given datasource. */
    private void runConcurrently(int threads, int perThread, javax.sql.DataSource callers, String chain)
            throws Exception {
        nl.mantelkring.platform.api.data.Jdbc jdbc = callers == null ? null
                : new nl.mantelkring.platform.api.data.Jdbc(callers);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Callable<List<Long>> work = () -> {
                    start.await();
                    List<Long> seqs = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        AuditEntry e = entry(chain, "t" + thread, "mantelzorger", thread + "-" + i);
                        seqs.add(jdbc != null ? jdbc.inTransaction(c -> log.record(c, e)) : log.record(e));
                    }
                    return seqs;
                };
                results.add(pool.submit(work));
            }
            start.countDown();
            List<Long> returned = new ArrayList<>();
            for (Future<List<Long>> f : results) {
                returned.addAll(f.get(30, TimeUnit.SECONDS));
            }
            assertEquals(threads * perThread, returned.stream().distinct().count(), "sequence numbers are unique");
        } finally {
            pool.shutdownNow();
        }
    }

    private void assertGapFree(long n) {
        Verification v = log.verify(AMSTERDAM);
        assertTrue(v.valid(), v::problem);
        assertEquals(n, v.checked());
        Page<StoredAuditEntry> all = log.find(AMSTERDAM, ALL, PageRequest.of(1, 100));
        assertEquals(n, all.paging().total());
        List<Long> expected = LongStream.iterate(n, s -> s >= Math.max(1, n - 99), s -> s - 1).boxed().toList();
        assertEquals(expected, seqs(all));
        assertNotNull(all.items().get(0).hash());
    }

    private static List<Long> seqs(Page<StoredAuditEntry> page) {
        return page.items().stream().map(StoredAuditEntry::seq).toList();
    }
}
