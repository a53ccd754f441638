package nl.mantelkring.registration.internal;

import static nl.mantelkring.registration.internal.RegistrationTest.A;
import static nl.mantelkring.registration.internal.RegistrationTest.audit;
import static nl.mantelkring.registration.internal.RegistrationTest.caregivers;
import static nl.mantelkring.registration.internal.RegistrationTest.fields;
import static nl.mantelkring.registration.internal.RegistrationTest.policy;
import static nl.mantelkring.registration.internal.RegistrationTest.registration;
import static nl.mantelkring.registration.internal.RegistrationTest.store;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.audit.AuditEntry;
import nl.mantelkring.registration.CaregiverRegistration.Registered;
import nl.mantelkring.registration.internal.Json.CaregiverOut;

/** {@code registerCitizen}: the loket's registration of the signed-in citizen, on the same path as staff's. */
class CitizenRegistrationTest {

    static final String BSN = "999993653";
    static final String PSEUDONYM = "burger-pseudoniem-1";

    @BeforeAll
    static void setUp() {
        if (registration == null) {
            RegistrationTest.setUp();
        }
    }

    @BeforeEach
    void empty() throws Exception {
        new RegistrationTest().empty();
    }

    static String caregiver(String first, String email, String extra) {
        return "{\"naam\":{\"voornaam\":\"" + first + "\",\"achternaam\":\"Dekker\"},\"geboortedatum\":\"1970-04-01\","
                + "\"adres\":{\"straat\":\"Oudegracht\",\"huisnummer\":12,\"postcode\":\"3511AB\",\"woonplaats\":\"Utrecht\"},"
                + "\"email\":\"" + email + "\",\"voorkeurskanaal\":\"e-mail\",\"woontInGemeente\":true"
                + ",\"toestemmingen\":[{\"doel\":\"waardering\",\"gegeven\":true,\"bron\":\"mondeling\"}]" + extra + "}";
    }

    static String relation(String recipient, String hours) {
        return "{\"zorgvrager\":{\"naam\":\"" + recipient + "\",\"woontInGemeente\":true},\"relatie\":\"ouder\","
                + "\"zorgSinds\":\"2020-01-01\",\"urenPerWeek\":" + hours + ",\"soortenZorg\":[\"huishouden\"]}";
    }

    private static Registered apply(String caregiverJson, String relationJson) {
        return registration.registerCitizen(A, PSEUDONYM, BSN, caregiverJson, relationJson, "mantelzorger.",
                "zorgrelatie.");
    }

    @Test
    void registersTheCitizenWithTheSessionBsnThenUpdatesTheSameRegistrationAndRelation() {
        policy.put(A, Policies.BSN_KEY, "{\"mantelzorger\":\"optioneel\",\"zorgvrager\":\"optioneel\"}");
        Registered first = apply(caregiver("Ria", "ria@example.nl", ""), relation("Moeder Dekker", "10"));
        assertTrue(first.newCaregiver());
        assertEquals(first.caregiverId(), store.findByBsn(A, BSN).orElseThrow());
        assertEquals(BSN, store.sensitive(A, first.caregiverId()).bsn());
        assertTrue(store.consents(A, first.caregiverId()).current().stream()
                .anyMatch(c -> c.purpose().equals("waardering") && c.given()));
        // given at the loket, whatever the body says
        assertTrue(store.consents(A, first.caregiverId()).history().stream()
                .allMatch(c -> "digitaal".equals(c.source()) && PSEUDONYM.equals(c.recordedBy())));
        assertEquals(List.of("mantelzorger.registreren", "zorgrelatie.registreren"),
                audit.entries.stream().map(AuditEntry::activity).toList());
        assertTrue(audit.entries.stream().allMatch(e -> PSEUDONYM.equals(e.actor())
                && first.caregiverId().equals(e.subjectId())));

        audit.entries.clear();
        // a second application: the same registration, contact details updated, name kept; the same relation updated
        Registered second = apply(caregiver("Andere", "nieuw@example.nl", ",\"iban\":\"NL91ABNA0417164300\""),
                relation("moeder  dekker", "16"));
        assertFalse(second.newCaregiver());
        assertEquals(first.caregiverId(), second.caregiverId());
        assertEquals(first.relationId(), second.relationId());
        CaregiverOut now = store.read(A, first.caregiverId()).orElseThrow();
        assertEquals("Ria", now.name().first());
        assertEquals("nieuw@example.nl", now.email());
        assertEquals("NL91ABNA0417164300", store.sensitive(A, first.caregiverId()).iban());
        assertEquals(0, new java.math.BigDecimal("16").compareTo(now.relations().get(0).hoursPerWeek()));
        assertEquals(1, now.relations().size());
        assertEquals(List.of("mantelzorger.wijzigen", "zorgrelatie.wijzigen"),
                audit.entries.stream().map(AuditEntry::activity).toList());

        // another recipient: a new relation of the same caregiver
        Registered third = apply(caregiver("Ria", "nieuw@example.nl", ""), relation("Vader Dekker", "8"));
        assertFalse(third.relationId().equals(first.relationId()));
    }

    @Test
    void withoutBsnRecordingOnlyTheLookupIsKept() {
        Registered r = apply(caregiver("Ria", "ria@example.nl", ""), relation("Moeder Dekker", "10"));
        assertNull(store.sensitive(A, r.caregiverId()).bsn());
        assertEquals(r.caregiverId(), store.findByBsn(A, BSN).orElseThrow());
        assertEquals(r.caregiverId(), apply(caregiver("Ria", "ria@example.nl", ""), relation("Moeder Dekker", "12"))
                .caregiverId());
    }

    @Test
    void badInputOrABsnInTheBodyStoresNothing() {
        ProblemException e = assertThrows(ProblemException.class, () -> apply(
                caregiver("Ria", "geen-email", ",\"bsn\":\"111222333\""), relation("Moeder Dekker", "500")));
        assertEquals(400, e.status());
        assertTrue(fields(e).containsAll(List.of("mantelzorger.bsn", "mantelzorger.email",
                "zorgrelatie.urenPerWeek")), fields(e).toString());
        assertTrue(store.findByBsn(A, BSN).isEmpty());
        assertEquals(0, store.jdbc().count("select count(*) from registration_caregiver"));
        assertTrue(audit.entries.isEmpty());
    }

    @Test
    void aRegistrationWithTheSameIdentityButWithoutThisBsnIsNotRevealed() {
        RegistrationTest.register(A, RegistrationTest.person("Ria", "Dekker", LocalDate.of(1970, 4, 1), "3511AB",
                null));
        ProblemException e = assertThrows(ProblemException.class, () -> apply(caregiver("Ria", "ria@example.nl", ""),
                relation("Moeder Dekker", "10")));
        assertEquals(409, e.status());
        assertFalse(e.extensions().containsKey("bestaandeRegistratie"));
        assertTrue(store.findByBsn(A, BSN).isEmpty());
        assertEquals(1, store.jdbc().count("select count(*) from registration_caregiver"));
        assertTrue(caregivers != null);
    }
}
