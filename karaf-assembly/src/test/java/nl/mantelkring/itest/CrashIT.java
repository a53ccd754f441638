package nl.mantelkring.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import org.junit.After;
import org.junit.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code kill -9} of the real distribution (a separate process) while it writes a payment run, imports a CSV file
 * and takes registrations from several clients at once; then a restart on the same database. Compared with what the
 * clients saw: every grant of the run is paid exactly once in files that validate against the EPC schema (the run
 * resumes by itself), every acknowledged registration is there and none twice, the import is all or nothing and a
 * repeat completes it without doubles. Runs on H2 (the node's own file) and, in the PostgreSQL pass, on PostgreSQL.
 */
public class CrashIT {

    private static final int PORT = MantelkringTestSupport.HTTP_PORT + 40;
    private static final String A = "/gemeenten/GM0363";
    private static final String ADMIN = "beheerder-amsterdam";
    private static final String CONSULENT = "consulent-amsterdam";
    /** Grants in the run, one per file: the run is many small steps, so the kill lands in the middle of it. */
    private static final int GRANTS = 120;
    private static final int OFFERINGS = 10_000;

    private StandaloneNode node;

    /** After the test: the node's log (both lives of it) holds no ERROR line (issue 16, item 9), then it stops. */
    @After
    public void stop() throws Exception {
        if (node != null) {
            try {
                node.assertLogHoldsOnly(List.of());
            } finally {
                node.stop();
            }
        }
    }

    @Test
    public void killedDuringAPaymentRunAnImportAndRegistrationsNothingAcknowledgedIsLostAndNothingDoubled()
            throws Exception {
        File root = new File("target/crash").getAbsoluteFile();
        StandaloneNode.deleteTree(root.toPath());
        root.mkdirs();
        TestDatabases.Target db = TestDatabases.postgresql()
                ? TestDatabases.createFresh("mkit_" + MantelkringTestSupport.HTTP_PORT + "_crash") : null;
        node = new StandaloneNode(root, "crash", PORT, db);
        node.start();
        node.awaitReady();
        Api api = node.api;
        for (String module : new String[] {"registration", "appreciation", "respite"}) {
            api.await(ADMIN, A + "/modules/" + module, 200);
            Api.Res r = api.json(ADMIN, "PUT", A + "/modules/" + module,
                    "{\"ingeschakeld\":true,\"reden\":\"crashtest\"}");
            assertEquals(r.toString(), 200, r.status());
        }
        put(api, "waardering.regels", "{\"aanvraagperiode\":{\"van\":\"2026-01-01\",\"totEnMet\":\"2027-03-01\"},"
                + "\"aanvragers\":[\"consulent\"],\"uitkering\":{\"soort\":\"vast\",\"bedrag\":75}}", 2026);
        put(api, "waardering.betaling", "{\"rekeninghouder\":\"Gemeente Amsterdam\",\"iban\":\"NL91ABNA0417164300\","
                + "\"omschrijving\":\"Mantelzorgwaardering {jaar}\",\"maxTransactiesPerBestand\":1}", 2026);
        api.await(CONSULENT, A + "/waarderingsaanvragen", 200);
        Set<String> grants = new HashSet<>();
        for (int i = 0; i < GRANTS; i++) {
            grants.add(grant(api, i));
        }

        // load: registrations from three clients, a CSV import, and the payment run
        ExecutorService clients = Executors.newFixedThreadPool(4);
        AtomicBoolean loading = new AtomicBoolean(true);
        Map<String, String> acknowledged = new ConcurrentHashMap<>();   // registration id -> first name
        AtomicInteger attempts = new AtomicInteger();
        List<Future<?>> load = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            int thread = t;
            load.add(clients.submit(() -> {
                for (int n = 0; loading.get(); n++) {
                    String first = "Kras" + thread + "x" + n;
                    attempts.incrementAndGet();
                    try {
                        Api.Res r = api.json(CONSULENT, "POST", A + "/mantelzorgers", "{\"naam\":{\"voornaam\":\""
                                + first + "\",\"achternaam\":\"Stroomuitval\"},\"geboortedatum\":\"1970-01-01\","
                                + "\"adres\":{\"huisnummer\":" + (n + 1) + ",\"postcode\":\"1012AB\"},"
                                + "\"woontInGemeente\":true}");
                        if (r.status() == 201) {
                            acknowledged.put(r.json().path("id").asText(), first);
                        }
                    } catch (AssertionError e) {
                        return;   // the node is gone: what was not acknowledged is unknown to this client
                    }
                }
            }));
        }
        AtomicBoolean imported = new AtomicBoolean();
        load.add(clients.submit(() -> {
            try {
                Api.Res r = api.send(ADMIN, "POST", A + "/respijtaanbod/importen", "text/csv", csv());
                imported.set(r.status() == 200);
            } catch (AssertionError e) {
                // killed while importing
            }
        }));
        Api.Res started = api.json(ADMIN, "POST", A + "/betaalruns", "{\"jaar\":2026}");
        assertEquals(started.toString(), 202, started.status());
        String run = started.json().path("id").asText();
        JsonNode before = null;
        for (int i = 0; i < 6000; i++) {
            before = api.get(ADMIN, A + "/betaalruns/" + run).json();
            if (before.path("voortgang").path("bestandenGereed").asInt() >= 3 || !isOpen(before)) {
                break;
            }
            Thread.sleep(10);
        }
        assertEquals("the run is still being written when the node is killed: " + before, "bezig",
                before.path("status").asText());
        int writtenBefore = before.path("voortgang").path("bestandenGereed").asInt();
        while (acknowledged.size() < 10) {
            Thread.sleep(10);
        }
        node.kill();
        loading.set(false);
        for (Future<?> f : load) {
            f.get(60, TimeUnit.SECONDS);
        }
        clients.shutdown();
        System.out.println("[crash] killed with " + writtenBefore + " of " + GRANTS + " files written, "
                + acknowledged.size() + " of " + attempts.get() + " registrations acknowledged, import "
                + (imported.get() ? "acknowledged" : "not acknowledged"));

        // what an earlier version could leave after a crash mid-file: a temporary SEPA file with names and IBANs
        java.nio.file.Path leftovers = node.dir.toPath().resolve("data/mantelkring/betaalruns");
        java.nio.file.Files.createDirectories(leftovers.resolve(run));
        java.nio.file.Files.writeString(leftovers.resolve(run).resolve("MKW-001-1.xml.part"),
                "<Nm>Kras Stroomuitval</Nm><IBAN>NL91ABNA0417164300</IBAN>");
        node.start();
        node.awaitReady();
        assertTrue("leftover payment-run files are removed at start", !leftovers.toFile().exists());

        // the payment run resumes by itself (after its lease) and pays every grant exactly once
        JsonNode after = null;
        for (int i = 0; i < 240 && (after == null || isOpen(after) && !"gereed".equals(after.path("status")
                .asText())); i++) {
            Thread.sleep(500);
            after = api.get(ADMIN, A + "/betaalruns/" + run).json();
        }
        assertEquals(after.toString(), "gereed", after.path("status").asText());
        assertEquals(GRANTS, after.path("aantalTransacties").asInt());
        assertEquals(0, new BigDecimal(75 * GRANTS).compareTo(after.path("totaalbedrag").decimalValue()));
        assertEquals(GRANTS, after.path("bestanden").size());
        Validator xsd = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                // the EPC 2023 schema from the shared standards (as in AppreciationIT), not the module's copy
                .newSchema(new File("../../shared/standards/pain.001.001.09-epc-2023.xsd")).newValidator();
        Map<String, Integer> paid = new HashMap<>();
        for (JsonNode f : after.path("bestanden")) {
            Api.Res file = api.getAs(ADMIN, A + "/betaalruns/" + run + "/bestanden/" + f.path("volgnummer").asInt(),
                    "application/xml");
            assertEquals(file.toString(), 200, file.status());
            xsd.validate(new StreamSource(new StringReader(file.body())));
            DocumentBuilderFactory dbf = DocumentBuilderFactory.newDefaultInstance();
            dbf.setNamespaceAware(true);
            Document doc = dbf.newDocumentBuilder().parse(new InputSource(new StringReader(file.body())));
            NodeList ids = doc.getElementsByTagNameNS("*", "EndToEndId");
            for (int i = 0; i < ids.getLength(); i++) {
                paid.merge(((Element) ids.item(i)).getTextContent(), 1, Integer::sum);
            }
        }
        for (String g : grants) {
            assertEquals("grant " + g + " paid exactly once", Integer.valueOf(1), paid.get(g.replace("-", "")
                    + "-1"));
        }
        assertEquals(GRANTS, paid.size());
        // the files were built in the database: no local file outside it holds an IBAN
        java.nio.file.Path data = node.dir.toPath().resolve("data");
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(data)) {
            for (java.nio.file.Path f : files.filter(java.nio.file.Files::isRegularFile)
                    // the database, the log and the bundle cache (code) aside
                    .filter(f -> !f.startsWith(data.resolve("h2")) && !f.startsWith(data.resolve("log"))
                            && !f.startsWith(data.resolve("cache"))).toList()) {
                assertTrue("IBAN in " + f, !new String(java.nio.file.Files.readAllBytes(f),
                        java.nio.charset.StandardCharsets.ISO_8859_1).contains("NL91ABNA0417164300"));
            }
        }

        // every acknowledged registration is there, and no registration is there twice
        for (String id : acknowledged.keySet()) {
            assertEquals("acknowledged registration " + id, 200, api.get(CONSULENT, A + "/mantelzorgers/" + id)
                    .status());
        }
        Map<String, Integer> names = new HashMap<>();
        for (int page = 1; ; page++) {
            JsonNode list = api.get(CONSULENT, A + "/mantelzorgers?naam=Stroomuitval&paginaGrootte=100&pagina="
                    + page).json();
            for (JsonNode c : list.path("resultaten")) {
                names.merge(c.path("naam").path("voornaam").asText(), 1, Integer::sum);
            }
            if (page >= list.path("paginering").path("aantalPaginas").asInt()) {
                break;
            }
        }
        assertTrue("every acknowledged one found: " + names.size() + " of " + acknowledged.size(),
                names.keySet().containsAll(acknowledged.values()));
        assertTrue("none twice: " + names, names.values().stream().allMatch(n -> n == 1));
        assertTrue("no more than were sent", names.size() <= attempts.get());

        // the import: all or nothing (one transaction), acknowledged means all; a repeat completes it, no doubles
        int found = offerings(api);
        assertTrue("import all or nothing, found " + found, found == 0 || found == OFFERINGS);
        if (imported.get()) {
            assertEquals(OFFERINGS, found);
        }
        Api.Res again = api.send(ADMIN, "POST", A + "/respijtaanbod/importen", "text/csv", csv());
        assertEquals(again.toString().substring(0, Math.min(300, again.toString().length())), 200, again.status());
        assertEquals(OFFERINGS, again.json().path("aangemaakt").asInt() + again.json().path("ongewijzigd").asInt());
        assertEquals(OFFERINGS, offerings(api));
        System.out.println("[crash] after the restart: run " + after.path("status").asText() + " with "
                + paid.size() + " grants each once; " + names.size() + " registrations (" + acknowledged.size()
                + " acknowledged, all there); import " + found + " rows before the repeat, " + offerings(api)
                + " after");
    }

    private static boolean isOpen(JsonNode run) {
        String s = run.path("status").asText();
        return s.equals("voorbereiden") || s.equals("bezig");
    }

    private static void put(Api api, String key, String value, int year) {
        Api.Res r = api.json(ADMIN, "PUT", A + "/beleid/" + key, "{\"waarde\":" + value + ",\"jaar\":" + year
                + ",\"reden\":\"crashtest\"}");
        assertEquals(r.toString(), 200, r.status());
    }

    /** A caregiver with an IBAN and a care relation, applied for and granted: the grant id. */
    private static String grant(Api api, int i) {
        Api.Res c = api.json(CONSULENT, "POST", A + "/mantelzorgers", "{\"naam\":{\"voornaam\":\"Betaal" + i
                + "\",\"achternaam\":\"Test\"},\"geboortedatum\":\"1968-05-01\",\"adres\":{\"huisnummer\":" + (i + 1)
                + ",\"postcode\":\"1013AB\"},\"woontInGemeente\":true,\"iban\":\"NL91ABNA0417164300\"}");
        assertEquals(c.toString(), 201, c.status());
        String id = c.json().path("id").asText();
        Api.Res r = api.json(CONSULENT, "POST", A + "/mantelzorgers/" + id + "/zorgrelaties",
                "{\"zorgvrager\":{\"naam\":\"Zorgvrager " + i + "\",\"woontInGemeente\":true},\"relatie\":\"ouder\","
                        + "\"zorgSinds\":\"2024-01-01\",\"urenPerWeek\":12,\"soortenZorg\":[\"begeleiding\"]}");
        assertEquals(r.toString(), 201, r.status());
        Api.Res a = api.json(CONSULENT, "POST", A + "/waarderingsaanvragen", "{\"jaar\":2026,\"mantelzorgerId\":\""
                + id + "\",\"zorgrelatieId\":\"" + r.json().path("id").asText() + "\",\"aanvrager\":\"consulent\"}");
        assertEquals(a.toString(), "toegekend", a.json().path("status").asText());
        return a.json().path("toekenningId").asText();
    }

    private static String csv() {
        StringBuilder b = new StringBuilder(RespiteIT.CSV_HEADER).append('\n');
        for (int i = 0; i < OFFERINGS; i++) {
            b.append("kras-").append(i).append(";Krasimport ").append(i)
                    .append(";dagopvang;locatie;professioneel;dementie;wlz;De Hoeve;;1011 AB;52.37;4.90\n");
        }
        return b.toString();
    }

    private static int offerings(Api api) {
        return api.get(CONSULENT, A + "/respijtaanbod?zoekterm=krasimport&paginaGrootte=1").json()
                .path("paginering").path("totaal").asInt();
    }
}
