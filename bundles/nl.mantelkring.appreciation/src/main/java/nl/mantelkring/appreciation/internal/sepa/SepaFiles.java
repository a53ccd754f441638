package nl.mantelkring.appreciation.internal.sepa;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Writes pain.001 files to disk so that only checked files ever appear under their final name: each is written to a
 * temporary file in the same directory, recounted ({@link SepaVerifier}), validated against its XSD
 * ({@link SepaValidator}) and then moved into place atomically. On any failure the temporary files are deleted and
 * the exception propagates; nothing is left that a person could upload to the bank.
 *
 * <p>File names are {@code <messageId>.xml}. An existing file of that name is never overwritten (the caller's
 * message ids are unique; a crash-restarted run should {@link SepaVerifier#verify} what is there instead).
 */
public final class SepaFiles {

    private static final String TMP_SUFFIX = ".xml.part";

    private SepaFiles() {
    }

    /** Writes one file {@code <dir>/<messageId>.xml} with all transfers (see {@link SepaWriter}). */
    public static SepaFile writeFile(Path dir, SepaFormat format, SepaHeader header,
            Iterator<? extends Transfer> transfers) throws IOException {
        Path target = target(dir, header.messageId());
        Path tmp = Files.createTempFile(dir, header.messageId() + "-", TMP_SUFFIX);
        try {
            SepaTotals totals;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                totals = new SepaWriter(format).write(out, header, transfers);
            }
            check(tmp, format, totals);
            move(tmp, target);
            return new SepaFile(target, totals.messageId(), totals.count(), totals.controlSum());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Writes the transfers into files of at most {@code maxPerFile} transactions each, every one a complete document
     * with its own message id {@code <header.messageId>-001}, {@code -002}, ... (three digits, more if needed) and its
     * own NbOfTxs/CtrlSum. The header's count and control sum are the totals the caller expects over all files; if
     * the streamed transfers do not match them, no file is released.
     *
     * <p>Each file's transactions are first streamed to a temporary file (the per-file control sum is only known at
     * the end), then the header is written and the transactions are copied after it: memory stays flat, the disk
     * sees the transactions twice.
     *
     * @return the files in order
     */
    public static List<SepaFile> writeSplit(Path dir, SepaFormat format, SepaHeader header,
            Iterator<? extends Transfer> transfers, int maxPerFile) throws IOException {
        Objects.requireNonNull(transfers, "transfers");
        if (maxPerFile < 1) {
            throw new IllegalArgumentException("maxPerFile must be at least 1: " + maxPerFile);
        }
        long files = (header.numberOfTransactions() + maxPerFile - 1) / maxPerFile;
        int digits = Math.max(3, Long.toString(files).length());
        String base = header.messageId();
        if (base.length() + 1 + digits > SepaText.ID_MAX) {
            throw new IllegalArgumentException("Message id base '" + base + "' leaves no room for the file number (max "
                    + (SepaText.ID_MAX - 1 - digits) + " characters)");
        }
        long declaredCents = header.controlSum().unscaledValue().longValueExact();
        List<Path> temps = new ArrayList<>();
        List<SepaFile> written = new ArrayList<>();
        List<Path> moved = new ArrayList<>();
        boolean released = false;
        try {
            long count = 0;
            long cents = 0;
            int fileNo = 0;
            while (transfers.hasNext()) {
                fileNo++;
                String messageId = base + "-" + String.format("%0" + digits + "d", fileNo);
                target(dir, messageId); // fail before writing when the name is taken
                Path body = Files.createTempFile(dir, messageId + "-", ".body");
                temps.add(body);
                long n = 0;
                long c = 0;
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(body), 1 << 16)) {
                    PainXml xml = PainXml.transactionsOnly(out, format);
                    while (n < maxPerFile && transfers.hasNext()) {
                        Transfer t = Objects.requireNonNull(transfers.next(), "null transfer");
                        n++;
                        c = Math.addExact(c, t.cents());
                        xml.transaction(t);
                    }
                    xml.flush();
                }
                count += n;
                cents = Math.addExact(cents, c);
                if (count > header.numberOfTransactions() || cents > declaredCents) {
                    throw new SepaException("SEPA run " + base + " refused: the transfers exceed the declared "
                            + header.numberOfTransactions() + " transactions / " + header.controlSum() + " in file "
                            + messageId);
                }
                BigDecimal sum = BigDecimal.valueOf(c, 2);
                Path tmp = Files.createTempFile(dir, messageId + "-", TMP_SUFFIX);
                temps.add(tmp);
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                    PainXml xml = PainXml.document(out, format);
                    xml.head(header.withFile(messageId, n, sum), n, sum);
                    xml.flush();
                    Files.copy(body, out);
                    xml.splicedChildren();
                    xml.tail();
                }
                Files.delete(body);
                temps.remove(body);
                check(tmp, format, new SepaTotals(messageId, n, sum));
                written.add(new SepaFile(tmp, messageId, n, sum));
            }
            if (count != header.numberOfTransactions() || cents != declaredCents) {
                throw new SepaException("SEPA run " + base + " refused: " + count + " transactions totalling "
                        + BigDecimal.valueOf(cents, 2) + " were streamed, " + header.numberOfTransactions()
                        + " totalling " + header.controlSum() + " were declared");
            }
            List<SepaFile> result = new ArrayList<>();
            for (SepaFile f : written) {
                Path target = target(dir, f.messageId());
                move(f.path(), target);
                moved.add(target);
                temps.remove(f.path());
                result.add(new SepaFile(target, f.messageId(), f.count(), f.controlSum()));
            }
            released = true;
            return List.copyOf(result);
        } finally {
            for (Path p : temps) {
                Files.deleteIfExists(p);
            }
            if (!released) {
                // a failure while moving: take back what was already released, so the run is all or nothing
                for (Path p : moved) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Opens a written document again, from its start, each time it is called (a file, database rows, ...). */
    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }

    /**
     * Recount ({@link SepaVerifier}) and schema check ({@link SepaValidator}) of a written document, read twice from
     * {@code source}: throws a {@link SepaException} unless it holds exactly the expected transactions and total and
     * is valid. Used for files on disk here and for files written straight into the database by the payment run.
     */
    public static void check(Source source, SepaFormat format, SepaTotals expected) throws IOException {
        SepaVerifier.Verification v;
        try (InputStream in = source.open()) {
            v = SepaVerifier.verify(in, id -> { });
        }
        if (!v.consistent() || v.count() != expected.count() || v.sum().compareTo(expected.controlSum()) != 0) {
            throw new SepaException("SEPA file " + expected.messageId() + " does not add up when re-read",
                    v.problems());
        }
        List<SepaProblem> problems;
        try (InputStream in = source.open()) {
            problems = SepaValidator.validate(in, format);
        }
        if (!problems.isEmpty()) {
            throw new SepaException("SEPA file " + expected.messageId() + " does not validate against "
                    + format.schemaResource(), problems);
        }
    }

    /** Recount and schema check of a written temporary file. */
    private static void check(Path tmp, SepaFormat format, SepaTotals expected) throws IOException {
        check(() -> new BufferedInputStream(Files.newInputStream(tmp), 1 << 16), format, expected);
    }

    private static Path target(Path dir, String messageId) throws IOException {
        Path target = dir.resolve(messageId + ".xml");
        if (Files.exists(target)) {
            throw new IOException("SEPA file " + target + " exists already; message ids must be unique");
        }
        return target;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }
}
