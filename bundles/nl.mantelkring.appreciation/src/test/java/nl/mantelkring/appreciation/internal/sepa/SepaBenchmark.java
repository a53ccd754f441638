package nl.mantelkring.appreciation.internal.sepa;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Throughput and peak heap of the SEPA writer against a plain-StAX baseline, run only on demand:
 * {@code mvn -B -ntp -o -pl bundles/nl.mantelkring.appreciation -am test -Dtest=SepaBenchmark -Dbenchmark=true
 * -Dsurefire.failIfNoSpecifiedTests=false}. Transfers come from a generator, never a list. Prints a table; asserts
 * only that the files are correct, never a time.
 */
class SepaBenchmark {

    @TempDir
    Path dir;

    private final List<String> rows = new ArrayList<>();

    @Test
    void writeValidateAndVerify() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("benchmark"), "run with -Dbenchmark=true");
        Runtime rt = Runtime.getRuntime();
        rows.add(String.format(Locale.ROOT, "JVM %s, max heap %d MiB, %d CPUs", System.getProperty("java.version"),
                rt.maxMemory() >> 20, rt.availableProcessors()));
        rows.add(String.format(Locale.ROOT, "%-38s %10s %9s %10s %13s %9s", "case", "transfers", "seconds",
                "per second", "peak heap MiB", "file MiB"));
        run(20_000); // warm-up: JIT, schema compilation; not reported
        rows.subList(2, rows.size()).clear();
        for (long n : new long[] {100_000, 1_000_000}) {
            run(n);
        }
        rows.forEach(System.out::println);
    }

    private void run(long n) throws Exception {
        long cents = 0;
        for (long i = 1; i <= n; i++) {
            cents += SepaTestData.amount(i).unscaledValue().longValue();
        }
        SepaHeader header = new SepaHeader("BENCH-" + n, SepaTestData.CREATED, SepaTestData.EXECUTION,
                SepaTestData.DEBTOR, n, BigDecimal.valueOf(cents, 2));
        Path ours = dir.resolve("ours-" + n + ".xml");
        Path base = dir.resolve("baseline-" + n + ".xml");

        measure("baseline: plain StAX, no checks", n, base, () -> baseline(base, header, n));
        measure("SepaWriter (checks, transliteration)", n, ours, () -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(ours), 1 << 16)) {
                new SepaWriter(SepaFormat.DEFAULT).write(out, header, new Generator(n));
            }
        });
        measure("SepaValidator (XSD) of that file", n, ours, () -> {
            List<SepaProblem> problems = SepaValidator.validate(ours, SepaFormat.DEFAULT);
            if (!problems.isEmpty()) {
                throw new AssertionError(problems);
            }
        });
        measure("SepaVerifier (recount) of that file", n, ours, () -> {
            SepaVerifier.Verification v = SepaVerifier.verify(ours);
            if (!v.consistent() || v.count() != n) {
                throw new AssertionError(v);
            }
        });
        measure("SepaFiles.writeSplit 10,000/file", n, null, () -> {
            Path split = Files.createDirectory(dir.resolve("split-" + n));
            List<SepaFile> files = SepaFiles.writeSplit(split, SepaFormat.DEFAULT, header, new Generator(n),
                    10_000);
            if (files.stream().mapToLong(SepaFile::count).sum() != n) {
                throw new AssertionError(files);
            }
            for (SepaFile f : files) {
                Files.delete(f.path());
            }
        });
        Files.delete(ours);
        Files.delete(base);
    }

    private interface Case {
        void run() throws Exception;
    }

    private void measure(String name, long n, Path file, Case c) throws Exception {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        c.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        String size = file == null ? "" : String.format(Locale.ROOT, "%.0f", Files.size(file) / 1048576.0);
        rows.add(String.format(Locale.ROOT, "%-38s %,10d %9.2f %,10.0f %13.0f %9s", name, n, seconds, n / seconds,
                peak / 1048576.0, size));
    }

    /** The same XML as SepaWriter (minus indentation), straight from raw values: what StAX alone costs. */
    private static void baseline(Path file, SepaHeader h, long n) throws IOException, XMLStreamException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            XMLStreamWriter w = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement("Document");
            w.writeDefaultNamespace(SepaFormat.DEFAULT.namespace());
            w.writeStartElement("CstmrCdtTrfInitn");
            w.writeStartElement("GrpHdr");
            leaf(w, "MsgId", h.messageId());
            leaf(w, "CreDtTm", h.creationTime().toString());
            leaf(w, "NbOfTxs", Long.toString(n));
            leaf(w, "CtrlSum", h.controlSum().toPlainString());
            w.writeStartElement("InitgPty");
            leaf(w, "Nm", h.debtor().name());
            w.writeEndElement();
            w.writeEndElement();
            w.writeStartElement("PmtInf");
            leaf(w, "PmtInfId", h.messageId());
            leaf(w, "PmtMtd", "TRF");
            leaf(w, "BtchBookg", "true");
            leaf(w, "NbOfTxs", Long.toString(n));
            leaf(w, "CtrlSum", h.controlSum().toPlainString());
            w.writeStartElement("PmtTpInf");
            w.writeStartElement("SvcLvl");
            leaf(w, "Cd", "SEPA");
            w.writeEndElement();
            w.writeEndElement();
            w.writeStartElement("ReqdExctnDt");
            leaf(w, "Dt", h.requestedExecutionDate().toString());
            w.writeEndElement();
            w.writeStartElement("Dbtr");
            leaf(w, "Nm", h.debtor().name());
            w.writeEndElement();
            w.writeStartElement("DbtrAcct");
            w.writeStartElement("Id");
            leaf(w, "IBAN", h.debtor().iban());
            w.writeEndElement();
            leaf(w, "Ccy", "EUR");
            w.writeEndElement();
            w.writeStartElement("DbtrAgt");
            w.writeStartElement("FinInstnId");
            leaf(w, "BICFI", h.debtor().bic());
            w.writeEndElement();
            w.writeEndElement();
            leaf(w, "ChrgBr", "SLEV");
            Generator g = new Generator(n);
            while (g.hasNext()) {
                Object[] t = g.nextRaw();
                w.writeStartElement("CdtTrfTxInf");
                w.writeStartElement("PmtId");
                leaf(w, "EndToEndId", (String) t[0]);
                w.writeEndElement();
                w.writeStartElement("Amt");
                w.writeStartElement("InstdAmt");
                w.writeAttribute("Ccy", "EUR");
                w.writeCharacters(((BigDecimal) t[1]).toPlainString());
                w.writeEndElement();
                w.writeEndElement();
                if (t[4] != null) {
                    w.writeStartElement("CdtrAgt");
                    w.writeStartElement("FinInstnId");
                    leaf(w, "BICFI", (String) t[4]);
                    w.writeEndElement();
                    w.writeEndElement();
                }
                w.writeStartElement("Cdtr");
                leaf(w, "Nm", (String) t[2]);
                w.writeEndElement();
                w.writeStartElement("CdtrAcct");
                w.writeStartElement("Id");
                leaf(w, "IBAN", (String) t[3]);
                w.writeEndElement();
                w.writeEndElement();
                w.writeStartElement("RmtInf");
                leaf(w, "Ustrd", (String) t[5]);
                w.writeEndElement();
                w.writeEndElement();
            }
            w.writeEndDocument();
            w.flush();
        }
    }

    private static void leaf(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(text);
        w.writeEndElement();
    }

    /**
     * Transfers 1..n generated on demand; one in ten names has accents (so transliteration does real work). IBANs
     * are computed once per 1,000 (check digits are the generator's cost, not the writer's).
     */
    private static final class Generator implements Iterator<Transfer> {
        private final long n;
        private long i;
        private final String[] ibans = new String[1000];

        Generator(long n) {
            this.n = n;
            for (int k = 0; k < ibans.length; k++) {
                ibans[k] = SepaTestData.iban("RABO", 1_000_000 + k);
            }
        }

        @Override
        public boolean hasNext() {
            return i < n;
        }

        Object[] nextRaw() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            i++;
            String name = i % 10 == 0 ? "Zoë Çelik-Müller " + i : "Mantelzorger " + i;
            return new Object[] {"MKW-2026-" + i, SepaTestData.amount(i), name, ibans[(int) (i % 1000)],
                i % 2 == 0 ? "RABONL2U" : null, "Mantelzorgwaardering 2026 toekenning " + i};
        }

        @Override
        public Transfer next() {
            Object[] t = nextRaw();
            return new Transfer((String) t[0], (BigDecimal) t[1], (String) t[2], (String) t[3], (String) t[4],
                    (String) t[5]);
        }
    }

}
