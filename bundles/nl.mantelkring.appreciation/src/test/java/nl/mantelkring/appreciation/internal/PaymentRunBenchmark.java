package nl.mantelkring.appreciation.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nl.mantelkring.appreciation.internal.payment.PaymentRuns;
import nl.mantelkring.platform.api.audit.AuditEntry;
import nl.mantelkring.platform.internal.H2Database;
import nl.mantelkring.platform.internal.audit.AuditLogImpl;
import nl.mantelkring.registration.CaregiverDirectory;
import nl.mantelkring.registration.Payee;

/**
 * A whole payment run (fixing the grants, streaming them per file from the database, payee lookup with one audit
 * entry per caregiver through the real audit log, SEPA writing, recount, XSD validation, storing the files in the
 * database) for 100,000 and 1,000,000 approved grants in an H2 file database, with time and peak heap. Run on
 * demand only:
 * {@code mvn -B -ntp -o -pl bundles/nl.mantelkring.appreciation -am test -Dtest=PaymentRunBenchmark
 * -Dbenchmark=true -Dsurefire.failIfNoSpecifiedTests=false -DargLine=-Xmx256m}.
 *
 * <p>The caregivers' names and IBANs come from a computed directory (not the registration module's encrypted
 * store), so the figures are for this module's part; the audit entries are real.
 */
class PaymentRunBenchmark {

    @TempDir
    Path dir;

    @Test
    void paymentRun() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("benchmark"), "run with -Dbenchmark=true");
        Runtime rt = Runtime.getRuntime();
        List<String> rows = new ArrayList<>();
        rows.add(String.format(Locale.ROOT, "JVM %s, max heap %d MiB, %d CPUs", System.getProperty("java.version"),
                rt.maxMemory() >> 20, rt.availableProcessors()));
        rows.add(String.format(Locale.ROOT, "%10s %8s %10s %10s %12s %10s %13s %12s %8s", "grants", "files",
                "start s", "files s", "total s", "grants/s", "peak heap MiB", "StAX only s", "ratio"));
        run(2_000, new ArrayList<>());   // warm-up, not reported
        for (int n : new int[] {100_000, 1_000_000}) {
            run(n, rows);
        }
        rows.forEach(System.out::println);
    }

    private void run(int n, List<String> rows) throws Exception {
        H2Database db = new H2Database("jdbc:h2:file:" + dir.resolve("bench-" + n) + ";CACHE_SIZE=32768");
        ApplicationsTest.setUp(db);
        ApplicationsTest.policy.put("GM0363|waardering.regels|2026", """
                {"aanvraagperiode": {"van": "2026-01-01", "totEnMet": "2026-11-30"}, "aanvragers": ["mantelzorger"],
                 "uitkering": {"soort": "vast", "bedrag": 50}}""");
        ApplicationsTest.policy.put("GM0363|waardering.betaling|2026", """
                {"rekeninghouder": "Gemeente Amsterdam", "iban": "NL91ABNA0417164300",
                 "omschrijving": "Mantelzorgwaardering {jaar}", "maxTransactiesPerBestand": 10000}""");
        insertGrants(db, n);
        AuditLogImpl audit = new AuditLogImpl(db);
        CaregiverDirectory payees = computed(audit, db);
        PaymentRuns runs = new PaymentRuns(ApplicationsTest.apps, ApplicationsTest.store, payees,
                Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC), dir.resolve("work"), false);

        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long t0 = System.nanoTime();
        String id = runs.start("GM0363", "bench", 2026, LocalDate.of(2026, 12, 10), null, null).run().id();
        long t1 = System.nanoTime();
        if (!runs.work(id, Integer.MAX_VALUE)) {
            throw new AssertionError("run did not finish");
        }
        long t2 = System.nanoTime();
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        PaymentRuns.Run run = runs.find("GM0363", id).orElseThrow();
        if (run.transactions() != n || run.total().compareTo(BigDecimal.valueOf(50L * n)) != 0) {
            throw new AssertionError(run.transactions() + " / " + run.total());
        }
        runs.deactivate();
        db.close();
        // the baseline: the same transactions written as pain.001 XML with a plain StAX writer (no database, no
        // audit, no validation), in files of the same size
        long b0 = System.nanoTime();
        staxOnly(n, 10_000);
        double stax = (System.nanoTime() - b0) / 1e9;
        rows.add(String.format(Locale.ROOT, "%,10d %8d %10.2f %10.2f %12.2f %,10.0f %13.0f %12.2f %8.1f", n,
                run.fileList().size(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t2 - t0) / 1e9, n / ((t2 - t0) / 1e9),
                peak / 1048576.0, stax, (t2 - t0) / 1e9 / stax));
    }

    private void staxOnly(int n, int perFile) throws Exception {
        javax.xml.stream.XMLOutputFactory factory = javax.xml.stream.XMLOutputFactory.newFactory();
        String ns = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09";
        for (int from = 0; from < n; from += perFile) {
            int to = Math.min(n, from + perFile);
            Path file = dir.resolve("stax-" + from + ".xml");
            try (var out = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(file), 1 << 16)) {
                javax.xml.stream.XMLStreamWriter w = factory.createXMLStreamWriter(out, "UTF-8");
                w.writeStartDocument("UTF-8", "1.0");
                w.writeStartElement("Document");
                w.writeDefaultNamespace(ns);
                w.writeStartElement("CstmrCdtTrfInitn");
                w.writeStartElement("GrpHdr");
                text(w, "MsgId", "MKW" + from);
                text(w, "CreDtTm", "2026-12-05T11:00:00+01:00");
                text(w, "NbOfTxs", Integer.toString(to - from));
                text(w, "CtrlSum", BigDecimal.valueOf(50L * (to - from)).setScale(2).toPlainString());
                w.writeEndElement();
                w.writeStartElement("PmtInf");
                text(w, "PmtInfId", "MKW" + from + "-1");
                text(w, "PmtMtd", "TRF");
                for (int i = from; i < to; i++) {
                    w.writeStartElement("CdtTrfTxInf");
                    w.writeStartElement("PmtId");
                    text(w, "EndToEndId", uuid(5, i).replace("-", "") + "-1");
                    w.writeEndElement();
                    w.writeStartElement("Amt");
                    w.writeStartElement("InstdAmt");
                    w.writeAttribute("Ccy", "EUR");
                    w.writeCharacters("50.00");
                    w.writeEndElement();
                    w.writeEndElement();
                    w.writeStartElement("Cdtr");
                    text(w, "Nm", "Mantelzorger " + uuid(2, i).substring(24));
                    w.writeEndElement();
                    w.writeStartElement("CdtrAcct");
                    w.writeStartElement("Id");
                    text(w, "IBAN", "NL91ABNA0417164300");
                    w.writeEndElement();
                    w.writeEndElement();
                    w.writeStartElement("RmtInf");
                    text(w, "Ustrd", "Mantelzorgwaardering 2026");
                    w.writeEndElement();
                    w.writeEndElement();
                }
                w.writeEndElement();
                w.writeEndElement();
                w.writeEndElement();
                w.writeEndDocument();
                w.close();
            }
            java.nio.file.Files.delete(file);
        }
    }

    private static void text(javax.xml.stream.XMLStreamWriter w, String name, String value) throws Exception {
        w.writeStartElement(name);
        w.writeCharacters(value);
        w.writeEndElement();
    }

    private static void insertGrants(H2Database db, int n) throws Exception {
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement a = c.prepareStatement("insert into appreciation_application (id, tenant,"
                    + " budget_year, caregiver_id, relation_id, recipient_id, applicant, care_paid, status, evaluation,"
                    + " amount, channel, submitted_at, submitted_by, version) values (?, 'GM0363', 2026, ?, ?, ?,"
                    + " 'mantelzorger', false, 'toegekend', '{}', 50, 'geld', current_timestamp, 'bench', 1)");
                 PreparedStatement g = c.prepareStatement("insert into appreciation_grant (id, tenant, budget_year,"
                         + " application_id, unit_key, caregiver_id, recipient_id, amount, channel, status, created_at)"
                         + " values (?, 'GM0363', 2026, ?, ?, ?, ?, 50, 'geld', 'toegekend', current_timestamp)")) {
                for (int i = 0; i < n; i++) {
                    String app = uuid(1, i);
                    String caregiver = uuid(2, i);
                    a.setString(1, app);
                    a.setString(2, caregiver);
                    a.setString(3, uuid(3, i));
                    a.setString(4, uuid(4, i));
                    a.addBatch();
                    g.setString(1, uuid(5, i));
                    g.setString(2, app);
                    g.setString(3, "mz:" + caregiver);
                    g.setString(4, caregiver);
                    g.setString(5, uuid(4, i));
                    g.addBatch();
                    if (i % 5000 == 4999) {
                        a.executeBatch();
                        g.executeBatch();
                        c.commit();
                    }
                }
                a.executeBatch();
                g.executeBatch();
                c.commit();
            }
        }
    }

    private static String uuid(int kind, int i) {
        return String.format(Locale.ROOT, "%08x-0000-4000-8000-%012x", kind, i);
    }

    /**
     * The test directory, but names and IBANs computed from the id (nothing on the heap per caregiver); every read
     * audited through the real audit log, as the registration module does.
     */
    private static CaregiverDirectory computed(AuditLogImpl audit, H2Database db) {
        return (CaregiverDirectory) java.lang.reflect.Proxy.newProxyInstance(CaregiverDirectory.class.getClassLoader(),
                new Class<?>[] {CaregiverDirectory.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("payees")) {
                        return method.invoke(ApplicationsTest.directory, args);
                    }
                    String tenant = (String) args[0];
                    Map<String, Payee> out = new HashMap<>();
                    List<AuditEntry> entries = new ArrayList<>();
                    for (Object o : (Collection<?>) args[1]) {
                        String id = (String) o;
                        out.put(id, new Payee(id, "Mantelzorger " + id.substring(24), "NL91ABNA0417164300"));
                        entries.add(new AuditEntry(tenant, (String) args[2], null, "mantelzorger.iban-gebruiken",
                                "mantelzorger", (String) args[4], id, (String) args[3], true, null, "geslaagd"));
                    }
                    try (Connection c = db.dataSource().getConnection()) {
                        c.setAutoCommit(false);
                        audit.recordAll(c, entries);
                        c.commit();
                    }
                    return out;
                });
    }
}
