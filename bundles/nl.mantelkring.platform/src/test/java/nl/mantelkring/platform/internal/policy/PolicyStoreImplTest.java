package nl.mantelkring.platform.internal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.Problems;
import nl.mantelkring.platform.api.data.DataAccessException;
import nl.mantelkring.platform.api.policy.PolicyVersion;
import nl.mantelkring.platform.internal.H2TestSupport;

class PolicyStoreImplTest extends H2TestSupport {

    private static final String T = "GM0363";
    private static final String KEY = "waardering.regels";

    private PolicyStoreImpl store;

    @BeforeEach
    void setUp() {
        db.insertTenant(T);
        db.insertTenant("GM0344");
        store = new PolicyStoreImpl(db);
    }

    @Test
    void savedVersionIsReturnedAndReadBack() {
        PolicyVersion saved = store.save(T, KEY, 2025, "{\"bedrag\": 200}", "anna", "begroting 2025");
        assertEquals(T, saved.tenant());
        assertEquals(KEY, saved.key());
        assertEquals(2025, saved.year());
        assertEquals(1, saved.version());
        assertEquals("anna", saved.changedBy());
        assertEquals("begroting 2025", saved.reason());
        assertNotNull(saved.changedAt());
        assertEquals(saved, store.latest(T, KEY, 2025).orElseThrow());
    }

    @Test
    void versionsCountUpPerKeyAndYear() {
        assertEquals(1, store.save(T, KEY, null, "1", "anna", null).version());
        assertEquals(2, store.save(T, KEY, null, "2", "anna", null).version());
        assertEquals(1, store.save(T, KEY, 2024, "3", "anna", null).version());
        assertEquals(1, store.save(T, KEY, 2025, "4", "anna", null).version());
        assertEquals(2, store.save(T, KEY, 2024, "5", "anna", null).version());
        assertEquals(3, store.save(T, KEY, null, "6", "anna", null).version());
        assertEquals(1, store.save(T, "andere.sleutel", null, "7", "anna", null).version());
        assertEquals(1, store.save("GM0344", KEY, null, "8", "bob", null).version());

        assertEquals("6", store.latest(T, KEY, null).orElseThrow().value());
        assertEquals(3, store.latest(T, KEY, null).orElseThrow().version());
        assertEquals("5", store.latest(T, KEY, 2024).orElseThrow().value());
        assertEquals("4", store.latest(T, KEY, 2025).orElseThrow().value());
        assertTrue(store.latest(T, KEY, 2023).isEmpty());
        assertEquals("8", store.latest("GM0344", KEY, null).orElseThrow().value());
    }

    @Test
    void everyYearValueIsStoredWithNullYear() {
        PolicyVersion saved = store.save(T, KEY, null, "{}", "anna", null);
        assertNull(saved.year());
        assertNull(store.latest(T, KEY, null).orElseThrow().year());
    }

    @Test
    void yearSpecificValueWinsOverEveryYearValue() {
        store.save(T, KEY, 2025, "{\"jaar\": 2025}", "anna", null);
        // saved later, but for every year: must not override the 2025 value
        store.save(T, KEY, null, "{\"jaar\": \"alle\"}", "anna", null);

        PolicyVersion in2025 = store.current(T, KEY, 2025).orElseThrow();
        assertEquals("{\"jaar\": 2025}", in2025.value());
        assertEquals(2025, in2025.year());

        PolicyVersion in2026 = store.current(T, KEY, 2026).orElseThrow();
        assertEquals("{\"jaar\": \"alle\"}", in2026.value());
        assertNull(in2026.year());
    }

    @Test
    void currentIsEmptyWithoutAnyValue() {
        assertTrue(store.current(T, KEY, 2025).isEmpty());
        store.save(T, KEY, 2024, "{}", "anna", null);
        assertTrue(store.current(T, KEY, 2025).isEmpty());
        assertTrue(store.current("GM0344", KEY, 2024).isEmpty(), "policy is per tenant");
    }

    @Test
    void historyIsNewestFirst() throws Exception {
        store.save(T, KEY, null, "1", "anna", "eerste");
        Thread.sleep(3);
        store.save(T, KEY, 2025, "2", "bob", null);
        Thread.sleep(3);
        store.save(T, KEY, null, "3", "carl", "derde");
        Thread.sleep(3);
        store.save(T, "andere.sleutel", null, "4", "anna", null);

        List<PolicyVersion> h = store.history(T, KEY);
        assertEquals(List.of("3", "2", "1"), h.stream().map(PolicyVersion::value).toList());
        assertEquals(List.of(2, 1, 1), h.stream().map(PolicyVersion::version).toList());
        assertEquals("derde", h.get(0).reason());
        assertEquals(2025, h.get(1).year());
        assertTrue(store.history(T, "onbekend").isEmpty());
    }

    @Test
    void historyOfOneYearIsNewestFirstEvenWithinOneMillisecond() {
        for (int i = 1; i <= 5; i++) {
            store.save(T, KEY, 2025, Integer.toString(i), "anna", null);
        }
        assertEquals(List.of(5, 4, 3, 2, 1), store.history(T, KEY).stream().map(PolicyVersion::version).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"a\": }", "niet json", "{'a': 1}", "[1, 2", "", "   ", "{} x", "{\"a\":1}}",
        "[1] [2]", "1 2"})
    void invalidJsonIsRejectedWith400(String value) {
        ProblemException e = assertThrows(ProblemException.class, () -> store.save(T, KEY, null, value, "anna",
                null));
        assertEquals(400, e.status());
        assertEquals(Problems.VALIDATION, e.type());
        assertEquals(List.of("waarde"), e.violations().stream().map(FieldViolation::field).toList());
        assertTrue(store.history(T, KEY).isEmpty(), "nothing stored");
    }

    @Test
    void nullValueIsRejectedWith400() {
        assertEquals(400, assertThrows(ProblemException.class,
                () -> store.save(T, KEY, null, null, "anna", null)).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "[]", "42", "\"tekst\"", "true", "null", "{\"regels\": [{\"uren\": 8}]}"})
    void anyJsonDocumentIsAccepted(String value) {
        assertEquals(value, store.save(T, KEY, null, value, "anna", null).value());
    }

    @Test
    void unknownTenantIsRefusedByTheDatabase() {
        assertThrows(DataAccessException.class, () -> store.save("GM9999", KEY, null, "{}", "anna", null));
    }

    @Test
    void latestPerKeySkipsPrefixAndReturnsTheLatestVersionPerKeyAndYear() {
        store.save(T, "b.sleutel", null, "1", "anna", null);
        store.save(T, "b.sleutel", null, "2", "anna", null);
        store.save(T, "b.sleutel", 2025, "3", "anna", null);
        store.save(T, "a.sleutel", null, "4", "anna", null);
        store.save(T, "intern.iets", null, "5", "anna", null);
        store.save("GM0344", "a.sleutel", null, "6", "anna", null);

        List<PolicyVersion> latest = store.latestPerKey(T, "intern.");
        assertEquals(List.of("4", "2", "3"), latest.stream().map(PolicyVersion::value).toList());
    }
}
