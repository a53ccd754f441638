package nl.mantelkring.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The real distribution unpacked into its own folder, configured like an operator would (ports, datasource, node
 * name) and started as a separate process ({@code bin/karaf server}), for tests that need more than the one Pax
 * Exam container: several nodes, a database that goes away.
 */
final class StandaloneNode {

    final String name;
    final int port;
    final File dir;
    final Api api;
    private Process process;

    /**
     * Unpacks and configures the node; ports {@code port} (HTTP) to {@code port + 3}. {@code database} null: the
     * distribution's default, H2 in the node's own data folder.
     */
    StandaloneNode(File root, String name, int port, TestDatabases.Target database) throws IOException,
            InterruptedException {
        this.name = name;
        this.port = port;
        this.dir = new File(root, name);
        this.api = new Api(port);
        deleteTree(dir.toPath());
        dir.mkdirs();
        File tarGz = new File(System.getProperty("mantelkring.distribution"));
        Process tar = new ProcessBuilder("tar", "xzf", tarGz.getAbsolutePath(), "-C", dir.getAbsolutePath(),
                "--strip-components=1").inheritIO().start();
        assertEquals("tar of " + tarGz, 0, tar.waitFor());
        set("etc/org.ops4j.pax.web.cfg", Map.of("org.osgi.service.http.port", String.valueOf(port)));
        set("etc/org.apache.karaf.shell.cfg", Map.of("sshPort", String.valueOf(port + 1)));
        set("etc/org.apache.karaf.management.cfg", Map.of("rmiRegistryPort", String.valueOf(port + 2),
                "rmiServerPort", String.valueOf(port + 3)));
        if (database != null) {
            set(TestDatabases.DATASOURCE_CFG, TestDatabases.datasourceConfig(database));
        }
        set("etc/nl.mantelkring.platform.cluster.cfg", Map.of("nodeId", name));
    }

    /** Starts the node's process (returns at once; see {@link #awaitReady()}). */
    void start() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(new File(dir, "bin/karaf").getPath(), "server").directory(dir)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(dir, "console.log")));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("EXTRA_JAVA_OPTS", "-Djdk.util.zip.disableZip64ExtraFieldValidation=true");
        process = pb.start();
    }

    void awaitReady() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        String last = "";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail(name + " exited: " + Files.readString(new File(dir, "console.log").toPath()));
            }
            try {
                Api.Res r = api.get(null, "/health/ready");
                if (r.status() == 200) {
                    return;
                }
                last = r.toString();
            } catch (AssertionError e) {
                last = e.getMessage(); // not listening yet
            }
            MantelkringTestSupport.sleep(500);
        }
        fail(name + " not ready within 300 s: " + last);
    }

    /** Stops the node (SIGTERM to the JVM, which bin/karaf runs as its child: Karaf shuts down; killed after a minute). */
    void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                h.destroyForcibly();
            }
        }
    }

    /** Kills the node's processes at once ({@code kill -9}): no shutdown, no flush, as a power cut would. */
    void kill() throws InterruptedException {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                fail(name + ": process " + h.pid() + " did not die: " + e);
            }
        }
        process = null;
    }

    private KarafLog log;

    /** Fails unless the node's karaf.log holds only the declared ERROR lines (since the last check). */
    void assertLogHoldsOnly(List<KarafLog.Expected> expected) throws IOException {
        if (log == null) {
            log = new KarafLog(dir.toPath().resolve("data/log/karaf.log"));
        }
        log.assertNoUnexpectedErrors(name, expected);
    }

    /** Sets properties in a Karaf .cfg file: replaces a line {@code key = ...} or appends one. */
    void set(String file, Map<String, String> values) throws IOException {
        Path p = dir.toPath().resolve(file);
        List<String> lines = Files.exists(p) ? new ArrayList<>(Files.readAllLines(p, StandardCharsets.UTF_8))
                : new ArrayList<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            String line = e.getKey() + " = " + e.getValue();
            boolean replaced = false;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).matches("\\s*" + Pattern.quote(e.getKey()) + "\\s*=.*")) {
                    lines.set(i, line);
                    replaced = true;
                }
            }
            if (!replaced) {
                lines.add(line);
            }
        }
        Files.write(p, lines, StandardCharsets.UTF_8);
    }

    static void deleteTree(Path p) throws IOException {
        if (Files.exists(p)) {
            try (var walk = Files.walk(p)) {
                for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(q);
                }
            }
        }
    }
}
