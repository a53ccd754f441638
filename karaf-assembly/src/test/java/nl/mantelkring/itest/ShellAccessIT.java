package nl.mantelkring.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeFalse;

import java.io.File;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The distribution as shipped, started as an operator starts it ({@code bin/karaf server}, only the ports changed;
 * not in Pax Exam, which puts an RMI registry of its own on the JMX port): the ssh shell and JMX answer on the
 * loopback address and on no other address of the machine, no shell account exists, and a shell administrator added
 * as the README says works with {@code bin/client} and is no API user. H2 pass only (nothing here uses the database).
 */
public class ShellAccessIT {

    private static final int PORT = MantelkringTestSupport.HTTP_PORT + 60;
    private static final String ADMIN = "itest-admin";
    private static final String ADMIN_PASSWORD = "lang-en-geheim";

    private static StandaloneNode node;

    @BeforeClass
    public static void startAsShipped() throws Exception {
        assumeFalse("H2 pass only", TestDatabases.postgresql());
        File root = new File("target/shell").getAbsoluteFile();
        StandaloneNode.deleteTree(root.toPath());
        root.mkdirs();
        node = new StandaloneNode(root, "shell", PORT, null);
        node.start();
        node.awaitReady();
    }

    @AfterClass
    public static void stop() throws InterruptedException {
        if (node != null) {
            node.stop();
        }
    }

    @Test
    public void sshAndJmxAnswerOnTheLoopbackAddressOnly() throws Exception {
        List<InetAddress> others = new ArrayList<>();
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (ni.isUp() && !ni.isLoopback()) {
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (!a.isLinkLocalAddress()) {
                        others.add(a);
                    }
                }
            }
        }
        System.out.println("Addresses of this machine other than loopback: " + others);
        // ssh, RMI registry, RMI server (StandaloneNode: HTTP port + 1 to + 3)
        for (int port = PORT + 1; port <= PORT + 3; port++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            }
            for (InetAddress a : others) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(a, port), 5000);
                    throw new AssertionError("port " + port + " answers on " + a);
                } catch (ConnectException | SocketTimeoutException expected) {
                    // nothing listens there
                }
            }
        }
    }

    @Test
    public void noShellAccountIsShippedAndAShellAdministratorIsNoApiUser() throws Exception {
        assertEquals(401, new Api(PORT, "karaf").get("karaf", "/gemeenten").status());
        assertFalse(client("karaf", "karaf", "jaas:realm-list").contains("mantelkring"));
        // an API user is no shell user
        assertFalse(client("consulent-amsterdam", Api.DEMO_PASSWORD, "jaas:realm-list").contains("mantelkring"));
        // a shell administrator as the README adds one: bin/client works for it, the API does not know it
        Path users = node.dir.toPath().resolve("etc/users.properties");
        Files.writeString(users, ADMIN + " = " + ADMIN_PASSWORD + ",_g_:admingroup\n", StandardOpenOption.APPEND);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(users).contains(ADMIN + " = {CRYPT}")) {
            assertTrue("Karaf replaces the password by its digest", System.nanoTime() < deadline);
            MantelkringTestSupport.sleep(200);
        }
        String realms = client(ADMIN, ADMIN_PASSWORD, "jaas:realm-list");
        assertTrue(realms, realms.contains("karaf") && realms.contains("mantelkring"));
        assertEquals(401, new Api(PORT, ADMIN_PASSWORD).get(ADMIN, "/gemeenten").status());
    }

    /** Runs one command with {@code bin/client} in batch mode, as the README does; its output. */
    private static String client(String user, String password, String command) throws Exception {
        File out = new File(node.dir, "client.log");
        ProcessBuilder pb = new ProcessBuilder(new File(node.dir, "bin/client").getPath(), "-a",
                String.valueOf(PORT + 1), "-u", user, "-p", password, "-b").directory(node.dir)
                .redirectErrorStream(true).redirectOutput(out);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        p.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("bin/client did not end: " + Files.readString(out.toPath()));
        }
        return Files.readString(out.toPath());
    }
}
