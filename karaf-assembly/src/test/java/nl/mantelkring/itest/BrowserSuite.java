package nl.mantelkring.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.vmOption;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.ops4j.pax.exam.Option;

/**
 * Runs one of the browser suites of {@code src/test/e2e} (installed into {@code target/e2e} by the build, with
 * Debian's Chromium) from inside the container's test, and fails the test with the suite's output when it fails.
 */
final class BrowserSuite {

    static final String E2E_DIR = "mantelkring.e2e.dir";
    static final String E2E_SHOTS = "mantelkring.e2e.screenshots";
    static final String CHROMIUM = "mantelkring.e2e.chromium";

    private BrowserSuite() {
    }

    /** The options that hand the suite's folder, the browser and the screenshot folder to the container. */
    static List<Option> options(String... more) {
        List<Option> options = new ArrayList<>();
        List<String> keys = new ArrayList<>(List.of(E2E_DIR, CHROMIUM, E2E_SHOTS));
        keys.addAll(List.of(more));
        for (String key : keys) {
            String value = System.getProperty(key);
            if (value != null && !value.isBlank()) {
                options.add(vmOption("-D" + key + "=" + value));
            }
        }
        return options;
    }

    /**
     * Runs {@code node <script>} in the suite's folder with the environment given (plus {@code MK_CHROMIUM} and
     * {@code MK_SCREENSHOTS}), at most 10 minutes; asserts it ended with 0 and printed {@code passed}.
     */
    static void run(String script, String passed, Map<String, String> env) throws IOException, InterruptedException {
        String dir = System.getProperty(E2E_DIR);
        assertTrue("-D" + E2E_DIR + " (the installed e2e suite) is not set", dir != null && new File(dir).isDirectory());
        String chromium = System.getProperty(CHROMIUM, "/usr/bin/chromium");
        assertTrue(chromium + " is missing: install Debian's chromium (apt-get install chromium); .ci/run does this",
                new File(chromium).canExecute());
        File log = new File(dir, script.replace(".mjs", ".log"));
        ProcessBuilder pb = new ProcessBuilder("node", script).directory(new File(dir))
                .redirectErrorStream(true).redirectOutput(log);
        pb.environment().put("MK_CHROMIUM", chromium);
        pb.environment().put("MK_SCREENSHOTS", System.getProperty(E2E_SHOTS, new File(dir, "screenshots").getPath()));
        pb.environment().putAll(env);
        Process p = pb.start();
        boolean done = p.waitFor(10, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly();
        }
        String out = log.exists() ? Files.readString(log.toPath(), StandardCharsets.UTF_8) : "(no output)";
        assertTrue(script + " did not finish in 10 minutes:\n" + out, done);
        assertEquals(script + " failed:\n" + out, 0, p.exitValue());
        assertTrue(out, out.contains(passed));
    }
}
