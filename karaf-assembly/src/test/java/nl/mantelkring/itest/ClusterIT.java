package nl.mantelkring.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.After;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

import nl.mantelkring.itest.clusterfixture.ClusterFixtureActivator;

/**
 * Two nodes of the real distribution (unpacked twice, started as separate processes on their own ports) on one
 * PostgreSQL database, started at the same moment on an empty database: migrations run once, and a change made
 * through one node (module enablement, policy, a role grant) is in force on the other within seconds; a lease is
 * held by one node only. Runs in the PostgreSQL pass only (H2 is a single-process database).
 */
public class ClusterIT {

    private static final int BASE = MantelkringTestSupport.HTTP_PORT + 20;
    /** How long a change through one node may take to be in force on the other (the platform caches for 2 s). */
    private static final long PROPAGATION_LIMIT_MS = 5_000;
    private static final String CONSULENT = "consulent-amsterdam";
    private static final String BEHEERDER = "beheerder-amsterdam";

    private static final List<StandaloneNode> NODES = new ArrayList<>();
    private static TestDatabases.Target database;

    @BeforeClass
    public static void startTwoNodes() throws Exception {
        assumeTrue("PostgreSQL pass only", TestDatabases.postgresql());
        database = TestDatabases.createFresh("mkit_" + MantelkringTestSupport.HTTP_PORT + "_cluster");
        File root = new File("target/cluster").getAbsoluteFile();
        StandaloneNode.deleteTree(root.toPath());
        File fixture = new File(root, "mantelkring-clustertest.jar");
        root.mkdirs();
        FixtureBundle.writeJar(fixture, "nl.mantelkring.itest.clusterfixture", ClusterFixtureActivator.class.getName(),
                "javax.ws.rs;version=\"[2.1,3)\",javax.ws.rs.core;version=\"[2.1,3)\","
                + "nl.mantelkring.platform.api;version=\"[1.1,2)\",nl.mantelkring.platform.api.cluster;version=\"[1.0,2)\","
                + "org.osgi.framework", null, "ClusterFixtureActivator", "ClusterFixtureActivator$1",
                "ClusterFixtureResource");
        for (int i = 0; i < 2; i++) {
            StandaloneNode n = new StandaloneNode(root, "node-" + (char) ('a' + i), BASE + i * 5, database);
            Files.copy(fixture.toPath(), new File(n.dir, "deploy/" + fixture.getName()).toPath());
            NODES.add(n);
        }
        // both at the same moment: their migrations of the empty database race
        for (StandaloneNode n : NODES) {
            n.start();
        }
        for (StandaloneNode n : NODES) {
            n.awaitReady();
        }
    }

    /** After each test: neither node's log holds an ERROR line (issue 16, item 9). */
    @After
    public void logsHoldNoErrors() throws java.io.IOException {
        for (StandaloneNode n : NODES) {
            n.assertLogHoldsOnly(List.of());
        }
    }

    @AfterClass
    public static void stopNodes() throws InterruptedException {
        for (StandaloneNode n : NODES) {
            n.stop();
        }
    }

    @Test
    public void migrationsRanOnceWhenBothNodesStartedTogether() throws SQLException {
        List<String> tables = sql("select table_name from information_schema.tables where table_schema = 'public'"
                + " and table_name like 'schema_history_%' order by table_name", rs -> rs.getString(1));
        assertEquals(List.of("schema_history_appreciation", "schema_history_employers", "schema_history_platform",
                "schema_history_registration", "schema_history_respite"), tables);
        for (String t : tables) {
            List<String> rows = sql("select version || ':' || success from " + t
                    + " where version is not null and version <> '0' order by installed_rank", rs -> rs.getString(1));
            assertTrue(t + " has migrations", !rows.isEmpty());
            assertEquals(t + ": each version once, all succeeded: " + rows, rows.stream().distinct().count(),
                    rows.size());
            assertTrue(t + ": " + rows, rows.stream().allMatch(r -> r.endsWith(":true")));
        }
        assertEquals("demo tenants created once", List.of("GM0344", "GM0363"),
                sql("select code from tenant order by code", rs -> rs.getString(1)));
        // every node runs every module, from the same database
        for (StandaloneNode n : NODES) {
            JsonNode modules = n.api.get(BEHEERDER, "/gemeenten/GM0363/modules").json();
            assertTrue(n.name + ": " + modules, modules.toString().contains("registration"));
        }
    }

    @Test
    public void moduleEnablementThroughOneNodeIsInForceOnTheOther() {
        StandaloneNode a = NODES.get(0);
        StandaloneNode b = NODES.get(1);
        for (StandaloneNode n : NODES) {
            n.api.await(BEHEERDER, "/gemeenten/GM0363/modules/clustertest", 200); // the fixture from deploy/
        }
        String path = "/gemeenten/GM0363/clustertest/knooppunt";
        assertEquals(404, b.api.get(CONSULENT, path).status()); // not enabled: B has looked and cached that
        assertEquals(200, a.api.json(BEHEERDER, "PUT", "/gemeenten/GM0363/modules/clustertest",
                "{\"ingeschakeld\": true, \"reden\": \"Clustertest\"}").status());
        long ms = awaitOn(b, CONSULENT, path, r -> r.status() == 200);
        assertEquals("node-b", b.api.get(CONSULENT, path).json().path("knooppunt").asText());
        System.out.println("Module enabled through node-a, in force on node-b after " + ms + " ms");

        assertEquals(200, b.api.json(BEHEERDER, "PUT", "/gemeenten/GM0363/modules/clustertest",
                "{\"ingeschakeld\": false, \"reden\": \"Clustertest uit\"}").status());
        ms = awaitOn(a, CONSULENT, path, r -> r.status() == 404);
        System.out.println("Module disabled through node-b, in force on node-a after " + ms + " ms");
    }

    @Test
    public void policyAndRoleChangesThroughOneNodeAreInForceOnTheOther() {
        StandaloneNode a = NODES.get(0);
        StandaloneNode b = NODES.get(1);
        String policy = "/gemeenten/GM0363/beleid/registratie.bsn";
        String caregivers = "/gemeenten/GM0363/mantelzorgers";
        Api.Res before = b.api.json(CONSULENT, "POST", caregivers, person(1));
        assertEquals(before.toString(), 201, before.status()); // no BSN needed by default
        assertEquals(200, a.api.json(BEHEERDER, "PUT", policy, "{\"waarde\": {\"mantelzorger\": \"verplicht\","
                + " \"zorgvrager\": \"nee\"}, \"reden\": \"Clustertest\"}").status());
        long ms = awaitOn(b, BEHEERDER, policy, r -> r.status() == 200 && r.body().contains("verplicht"));
        System.out.println("Policy saved through node-a, read on node-b after " + ms + " ms");
        // and applied there: a registration without a BSN is now refused by node B
        Api.Res refused = b.api.json(CONSULENT, "POST", caregivers, person(2));
        MantelkringTestSupport.assertProblem(refused, 400);
        assertTrue(refused.toString(), refused.body().contains("bsn"));

        // a role granted through node A lets the user in on node B
        String user = "medewerker-amsterdam";
        String modules = "/gemeenten/GM0363/modules";
        assertEquals(404, b.api.get(user, modules).status()); // no role in GM0363: it is not shown
        assertEquals(200, a.api.json(BEHEERDER, "PUT", "/gemeenten/GM0363/gebruikers/" + user,
                "{\"rollen\": [\"municipal-admin\"]}").status());
        ms = awaitOn(b, user, modules, r -> r.status() == 200);
        System.out.println("Role granted through node-a, in force on node-b after " + ms + " ms");
        assertEquals(200, a.api.json(BEHEERDER, "PUT", "/gemeenten/GM0363/gebruikers/" + user,
                "{\"rollen\": []}").status());
        awaitOn(b, user, modules, r -> r.status() == 404);
    }

    /** A back-office session started through one node is accepted by the other, and ended through it (issue 17). */
    @Test
    public void aSessionStartedThroughOneNodeIsAcceptedByTheOther() {
        StandaloneNode a = NODES.get(0);
        StandaloneNode b = NODES.get(1);
        Api.Res signIn = a.api.sendWith(Map.of(), "POST", "/sessies", "application/json",
                "{\"gebruikersnaam\":\"" + BEHEERDER + "\",\"wachtwoord\":\"demo\"}");
        assertEquals(signIn.toString(), 201, signIn.status());
        String cookie = signIn.header("Set-Cookie").split(";")[0];
        String csrf = signIn.json().path("csrfToken").asText();
        Map<String, String> session = Map.of("Cookie", cookie, "X-CSRF-Token", csrf);
        // no waiting: the session is in the shared database when the sign-in answers
        Api.Res onB = b.api.sendWith(session, "GET", "/gemeenten/GM0363/modules", null, null);
        assertEquals(onB.toString(), 200, onB.status());
        assertEquals(csrf, b.api.sendWith(session, "GET", "/sessies/huidige", null, null).json().path("csrfToken")
                .asText());
        assertEquals(204, b.api.sendWith(session, "DELETE", "/sessies/huidige", null, null).status());
        MantelkringTestSupport.assertProblem(a.api.sendWith(session, "GET", "/gemeenten/GM0363/modules", null, null),
                401);
    }

    @Test
    public void aLeaseIsHeldByOneNodeOnly() throws Exception {
        StandaloneNode a = NODES.get(0);
        StandaloneNode b = NODES.get(1);
        for (StandaloneNode n : NODES) {
            n.api.json("beheerder-utrecht", "PUT", "/gemeenten/GM0344/modules/clustertest",
                    "{\"ingeschakeld\": true, \"reden\": \"Clustertest\"}");
        }
        String consultant = "consulent-utrecht";
        String lease = "/gemeenten/GM0344/clustertest/leases/betaalrun-GM0344-2026";
        awaitOn(b, consultant, "/gemeenten/GM0344/clustertest/knooppunt", r -> r.status() == 200);
        awaitOn(a, consultant, "/gemeenten/GM0344/clustertest/knooppunt", r -> r.status() == 200);

        Api.Res taken = a.api.send(consultant, "POST", lease + "?seconden=60", null, null);
        assertEquals(taken.toString(), 200, taken.status());
        long token = taken.json().path("token").asLong();
        assertTrue(taken.json().path("houder").asText().startsWith("node-a/"));
        MantelkringTestSupport.assertProblem(b.api.send(consultant, "POST", lease + "?seconden=60", null, null), 409);
        assertTrue(b.api.get(consultant, lease).json().path("houder").asText().startsWith("node-a/"));
        assertEquals(200, a.api.send(consultant, "DELETE", lease, null, null).status());
        Api.Res next = b.api.send(consultant, "POST", lease + "?seconden=60", null, null);
        assertEquals(next.toString(), 200, next.status());
        assertEquals(token + 1, next.json().path("token").asLong());
        MantelkringTestSupport.assertProblem(a.api.send(consultant, "POST", lease + "?seconden=60", null, null), 409);
        assertEquals(200, b.api.send(consultant, "DELETE", lease, null, null).status());

        // both nodes race for fresh leases, eight requests at once: one wins each time
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 5; round++) {
                String name = "/gemeenten/GM0344/clustertest/leases/race-" + round;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Api.Res>> tries = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    StandaloneNode n = NODES.get(i % 2);
                    tries.add(pool.submit(() -> {
                        start.await();
                        return n.api.send(consultant, "POST", name + "?seconden=60", null, null);
                    }));
                }
                start.countDown();
                int won = 0;
                for (Future<Api.Res> f : tries) {
                    Api.Res r = f.get(60, TimeUnit.SECONDS);
                    assertTrue(r.toString(), r.status() == 200 || r.status() == 409);
                    won += r.status() == 200 ? 1 : 0;
                }
                assertEquals("round " + round + ": one winner", 1, won);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A registration without BSN (a different person per number). */
    private static String person(int n) {
        return "{\"naam\":{\"voornaam\":\"Clara" + n + "\",\"achternaam\":\"Cluster\"},\"geboortedatum\":\"1975-03-0"
                + n + "\",\"adres\":{\"straat\":\"Dam\",\"huisnummer\":" + n + ",\"postcode\":\"1012jp\","
                + "\"woonplaats\":\"Amsterdam\"},\"email\":\"clara@example.nl\",\"voorkeurskanaal\":\"e-mail\"}";
    }

    /** Polls the node until the answer matches; fails after the propagation limit. Returns the milliseconds. */
    private static long awaitOn(StandaloneNode n, String user, String path, Predicate<Api.Res> ok) {
        long start = System.nanoTime();
        Api.Res r;
        do {
            r = n.api.get(user, path);
            if (ok.test(r)) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            MantelkringTestSupport.sleep(100);
        } while (System.nanoTime() - start < PROPAGATION_LIMIT_MS * 1_000_000);
        throw new AssertionError(n.name + ": GET " + path + " not as expected within " + PROPAGATION_LIMIT_MS
                + " ms; last: " + r);
    }

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private static <T> List<T> sql(String query, RowMapper<T> mapper) throws SQLException {
        try (Connection c = DriverManager.getConnection(database.url(), database.user(), database.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(mapper.map(rs));
            }
            return out;
        }
    }
}
