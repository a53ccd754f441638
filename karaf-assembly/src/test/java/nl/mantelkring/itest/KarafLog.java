package nl.mantelkring.itest;

import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A node's {@code data/log/karaf.log} may hold ERROR lines only for real server faults: a client's mistake is never
 * one. Tests that provoke a fault on purpose declare the lines it writes ({@link Expected}), with the reason.
 */
final class KarafLog {

    /** An ERROR line a test provokes on purpose: a pattern found in the line, and why it is a real fault. */
    record Expected(Pattern pattern, String reason) {
        static Expected of(String regex, String reason) {
            return new Expected(Pattern.compile(regex), reason);
        }
    }

    /** The start of a log entry: its timestamp (Karaf's layout: {@code 2026-12-03T10:22:13,477 | LEVEL | ...}). */
    private static final Pattern ENTRY_START = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d");

    /**
     * ERROR entries of the framework that every container may write, with the reason. When a feature install
     * refreshes bundles, the activator that servicemix spec bundles embed ({@code org.apache.karaf.specs.activator})
     * still receives bundle events after its class loader was discarded (NoClassDefFoundError OsgiLocator, logged by
     * Felix's event dispatcher and again as a FrameworkEvent): a Karaf/servicemix-specs fault, not ours, and no
     * client can cause it (only an administrator's feature install).
     */
    static final List<Expected> FRAMEWORK = List.of(
            Expected.of("org/apache/karaf/specs/locator/OsgiLocator", "specs activator during a bundle refresh"),
            // seen once at the restart of a node killed with kill -9: Aries' JMX whiteboard registers Karaf's own
            // FeaturesServiceMBean a second time while Karaf's management activator publishes the MBean server (a boot
            // race inside Karaf; the first registration stands); neither a client nor our code takes part
            Expected.of("Failure registering MBean org\\.apache\\.karaf\\.features\\.internal\\.management\\."
                    + "FeaturesServiceMBeanImpl[\\s\\S]*InstanceAlreadyExistsException: org\\.apache\\.karaf:type=feature",
                    "Karaf's JMX whiteboard at boot"));

    private final Path file;
    private long checked;

    KarafLog(Path file) {
        this.file = file;
    }

    /** The ERROR lines written since the last check that no {@link Expected} explains; a rotated log starts over. */
    List<String> unexpectedErrors(List<Expected> expected) throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            if (in.length() < checked) {
                checked = 0;
            }
            in.seek(checked);
            byte[] rest = new byte[(int) (in.length() - checked)];
            in.readFully(rest);
            String text = new String(rest, StandardCharsets.UTF_8);
            int complete = text.lastIndexOf('\n') + 1; // a line still being written is read next time
            checked += text.substring(0, complete).getBytes(StandardCharsets.UTF_8).length;
            // an entry is its first line and the lines that follow it (a stack trace): the patterns see all of it
            List<String> entries = new ArrayList<>();
            for (String line : text.substring(0, complete).split("\n")) {
                if (ENTRY_START.matcher(line).lookingAt() || entries.isEmpty()) {
                    entries.add(line);
                } else {
                    entries.set(entries.size() - 1, entries.get(entries.size() - 1) + "\n" + line);
                }
            }
            for (String entry : entries) {
                String first = entry.lines().findFirst().orElse("");
                if (first.contains("| ERROR |") && expected.stream().noneMatch(e -> e.pattern().matcher(entry).find())) {
                    out.add(first.length() > 400 ? first.substring(0, 400) + "..." : first);
                }
            }
        }
        return out;
    }

    /** Fails with the unexpected ERROR lines written since the last check. */
    void assertNoUnexpectedErrors(String who, List<Expected> expected) throws IOException {
        List<Expected> all = new ArrayList<>(FRAMEWORK);
        all.addAll(expected);
        List<String> lines = unexpectedErrors(all);
        if (!lines.isEmpty()) {
            fail(who + ": " + file + " holds ERROR lines no test declares as a provoked server fault (a client's"
                    + " mistake is not a server error):\n" + String.join("\n", lines));
        }
    }
}
