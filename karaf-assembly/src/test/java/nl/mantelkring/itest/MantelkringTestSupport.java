package nl.mantelkring.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;
import static org.ops4j.pax.exam.CoreOptions.vmOption;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.rules.TestWatcher;
import org.junit.runner.Description;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Boots the real Mantelkring distribution (the tar.gz this module builds) with Pax Exam on its own ports; tests
 * talk to it over HTTP like any client.
 */
public abstract class MantelkringTestSupport {

    /** HTTP port of the container; the other ports follow it, so two builds can run side by side. */
    static final int HTTP_PORT = Integer.getInteger("mantelkring.itest.httpPort", 18181);

    protected final Api api = new Api(HTTP_PORT);

    /** Anonymous requests per minute from one address in the tests (the shipped default is 300). */
    static final int ANONYMOUS_LIMIT = 1_000_000;

    /** The options that make citizens sign in with DigiD at the build's Keycloak: add them in config(). */
    protected static List<Option> citizenOidc() {
        return Citizens.oidcOptions();
    }

    @Configuration
    public Option[] config() {
        String distribution = System.getProperty("mantelkring.distribution");
        List<Option> options = new ArrayList<>(List.of(
            karafDistributionConfiguration()
                    .frameworkUrl(new File(distribution).toURI().toString())
                    .karafVersion(System.getProperty("karaf.version", "4.4.10"))
                    .name("Mantelkring")
                    .unpackDirectory(new File("target/exam"))
                    .useDeployFolder(false),
            keepRuntimeFolder(),
            // how long Pax Exam waits for the booted container's probe (a state, polled): its default, 180 s, was
            // too short once for a boot at a load average of 15 on two cores; a bound only, to end a hung boot
            systemTimeout(600_000),
            configureConsole().ignoreLocalConsole(),
            logLevel(LogLevel.INFO),
            vmOption("-Djdk.util.zip.disableZip64ExtraFieldValidation=true"),
            vmOption("-Dmantelkring.itest.httpPort=" + HTTP_PORT),
            vmOption("-Dmantelkring.itest.dir=" + new File("target/itest").getAbsolutePath()),
            // the build's Keycloak (Keycloak.java): its base URL, and its pid file and log for a clear failure
            vmOption("-Dmantelkring.itest.keycloak=" + Keycloak.baseUrl()),
            vmOption("-Dmantelkring.itest.keycloak.dir="
                    + System.getProperty("mantelkring.itest.keycloak.dir", new File("target/keycloak").getAbsolutePath())),
            // the EPC 2023 schema from the shared standards: payment files are checked against it, not our copy
            vmOption("-Dmantelkring.itest.sepaXsd="
                    + new File("../../shared/standards/pain.001.001.09-epc-2023.xsd").getAbsolutePath()),
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", String.valueOf(HTTP_PORT)),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", String.valueOf(HTTP_PORT - 80)),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", String.valueOf(HTTP_PORT - 7082)),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", String.valueOf(HTTP_PORT - 3737)),
            // every test calls from 127.0.0.1: the loket's limit of anonymous requests per address is tested on its
            // own (LoketIT), not met by chance in other tests
            editConfigurationFilePut("etc/nl.mantelkring.platform.loket.cfg", "anonymousRequestsPerMinute",
                    String.valueOf(ANONYMOUS_LIMIT)),
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository",
                    System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository")),
            // the probe's own dependencies come from the build's local repository
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.defaultLocalRepoAsRemote",
                    "true")));
        // a real SMTP server for the messages the distribution sends (GreenMailServer; read back with Mailbox)
        GreenMailServer.start();
        for (var e : GreenMailServer.distributionConfig().entrySet()) {
            options.add(editConfigurationFilePut("etc/nl.mantelkring.platform.mail.cfg", e.getKey(), e.getValue()));
        }
        if (Api.recordingDir() != null) {
            // every exchange of the IT client, per pass, for OpenApiContractTest
            options.add(vmOption("-Dmantelkring.itest.exchanges.dir=" + Api.recordingDir()));
        }
        if (TestDatabases.postgresql()) {
            // a fresh PostgreSQL database per test class, as each class gets a fresh H2 file otherwise
            TestDatabases.Target db = TestDatabases.createFresh("mkit_" + HTTP_PORT + "_" + getClass().getSimpleName());
            for (var e : TestDatabases.datasourceConfig(db).entrySet()) {
                options.add(editConfigurationFilePut(TestDatabases.DATASOURCE_CFG, e.getKey(), e.getValue()));
            }
        }
        return options.toArray(new Option[0]);
    }

    /** Names the running test in the recording of exchanges ({@link Api#record}). */
    @Rule
    public final TestWatcher recordingName = new TestWatcher() {
        @Override
        protected void starting(Description d) {
            Api.currentTest = d.getTestClass().getSimpleName() + "#" + d.getMethodName();
        }
    };

    /** Every test starts on a ready platform (the container is injected before HTTP is published). */
    @Before
    public void awaitReady() {
        api.await(null, "/health/ready", 200);
    }

    /** The container's log: the in-container test reads it where Karaf writes it. */
    private static KarafLog log;

    /**
     * The ERROR lines this test class provokes on purpose (a real server fault), with the reason; none by default.
     */
    protected List<KarafLog.Expected> expectedErrors() {
        return List.of();
    }

    /** After each test: karaf.log holds no ERROR line but the declared ones (issue 16, item 9). */
    @After
    public void logHoldsOnlyDeclaredErrors() throws java.io.IOException {
        if (log == null) {
            log = new KarafLog(java.nio.file.Path.of(System.getProperty("karaf.data"), "log", "karaf.log"));
        }
        log.assertNoUnexpectedErrors(getClass().getSimpleName(), expectedErrors());
    }

    /**
     * Fetches the served OpenAPI document once more: the contract check after the integration tests validates every
     * recorded response against the documents served during the run, so each test's installed modules are in it.
     */
    @After
    public void recordServedDocument() {
        api.get(null, "/openapi.json");
    }

    /** Asserts an RFC 9457 problem with the status. */
    static JsonNode assertProblem(Api.Res r, int status) {
        assertEquals("status of " + r, status, r.status());
        assertNotNull("content type of " + r, r.contentType());
        assertTrue("problem+json expected: " + r, r.contentType().startsWith("application/problem+json"));
        JsonNode p = r.json();
        assertEquals(status, p.path("status").asInt());
        for (String field : new String[] {"type", "title", "detail", "instance"}) {
            assertTrue("problem lacks " + field + ": " + r, p.hasNonNull(field));
        }
        assertFalse("stack trace leaked: " + r, r.body().contains("\tat ") || r.body().contains("Exception"));
        assertEquals("1.0.0", r.header("API-Version"));
        return p;
    }

    /**
     * The JSON object with its first key repeated in front ({@code {"a":1,"b":2}} becomes
     * {@code {"a":1,"a":1,"b":2}}): [the body, the key]; null for a body that is not a non-empty object.
     */
    static String[] withFirstKeyRepeated(String json) {
        try {
            JsonNode node = Api.JSON.readTree(json);
            if (node == null || !node.isObject() || node.size() == 0) {
                return null;
            }
            var first = node.fields().next();
            return new String[] {"{" + Api.JSON.writeValueAsString(first.getKey()) + ":"
                    + Api.JSON.writeValueAsString(first.getValue()) + "," + json.trim().substring(1), first.getKey()};
        } catch (java.io.IOException e) {
            throw new AssertionError(json, e);
        }
    }

    /** Asserts the 400 of a body with a repeated key: a validation problem naming the key. */
    static void assertRepeatedKeyRefused(Api.Res r, String key) {
        JsonNode p = assertProblem(r, 400);
        assertEquals(r.toString(), "urn:nl:mantelkring:probleem:ongeldige-invoer", p.path("type").asText());
        assertEquals(r.toString(), key, p.path("invalidParams").get(0).path("name").asText());
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
