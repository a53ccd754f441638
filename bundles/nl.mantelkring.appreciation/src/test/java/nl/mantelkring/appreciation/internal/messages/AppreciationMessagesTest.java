package nl.mantelkring.appreciation.internal.messages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import nl.mantelkring.appreciation.internal.Applications;
import nl.mantelkring.appreciation.internal.letters.StoredLetter;
import nl.mantelkring.appreciation.internal.payment.PaymentRuns;
import nl.mantelkring.platform.api.messages.MessageInfo;
import nl.mantelkring.platform.api.messages.OutgoingMessage;
import nl.mantelkring.platform.api.messages.Outbox;
import nl.mantelkring.platform.api.messages.Recipient;
import nl.mantelkring.platform.api.policy.PolicyStore;
import nl.mantelkring.platform.api.policy.PolicyVersion;
import nl.mantelkring.registration.CaregiverDirectory;

/** What each event stores in the outbox: kind, reference, recipient, rendered text, letter. */
class AppreciationMessagesTest {

    static final String T = "GM0363";
    static final String CG = "11111111-1111-1111-1111-111111111111";
    static final String APP = "abcdef12-3456-7890-abcd-ef1234567890";

    final List<OutgoingMessage> stored = new ArrayList<>();
    final Map<String, String> policy = new HashMap<>();
    final Map<String, Recipient> recipients = new HashMap<>(Map.of(CG, new Recipient(CG, "Anna de Vries",
            "anna@example.org", null, List.of("Dorpsstraat 1", "1234 AB  ERGENS"), "e-mail")));

    final Outbox outbox = new Outbox() {
        public String enqueue(OutgoingMessage m) {
            stored.add(m);
            return "m" + stored.size();
        }

        public String enqueue(Connection c, OutgoingMessage m) {
            return enqueue(m);
        }

        public List<MessageInfo> ofSubject(String tenant, String subjectId) {
            return List.of();
        }

        public int erase(Connection c, String tenant, String subjectId) {
            return 0;
        }
    };

    final PolicyStore policies = new PolicyStore() {
        public Optional<PolicyVersion> current(String tenant, String key, int year) {
            return Optional.ofNullable(policy.get(key)).map(v -> new PolicyVersion(tenant, key, year, 1, v, "test",
                    Instant.EPOCH, "test"));
        }

        public Optional<PolicyVersion> latest(String tenant, String key, Integer year) {
            return Optional.empty();
        }

        public PolicyVersion save(String tenant, String key, Integer year, String value, String by, String reason) {
            throw new UnsupportedOperationException();
        }

        public List<PolicyVersion> history(String tenant, String key) {
            return List.of();
        }
    };

    final CaregiverDirectory directory = new FakeDirectory(id -> Optional.ofNullable(recipients.get(id)),
            (id, purpose) -> false);

    final AppreciationMessages messages = new AppreciationMessages(outbox, new FakeTemplates(), policies, directory);

    static Applications.Stored application(String status, BigDecimal amount, String channel) {
        return new Applications.Stored(APP, T, 2026, CG, "r", "z", status, null, amount, channel,
                Instant.parse("2026-11-12T10:00:00Z"), null, null, null, null, false, "balie", "mantelzorger", false,
                null, null, null, null);
    }

    @Test
    void receivedGoesToTheCaregiverWithItsReferenceAndTheMinimum() {
        messages.received(T, application(Applications.SUBMITTED, new BigDecimal("100"), "geld"));
        assertEquals(1, stored.size());
        OutgoingMessage m = stored.get(0);
        assertEquals("waardering.ontvangen", m.kind());
        assertEquals("waardering.ontvangen/" + APP, m.reference());
        assertEquals(CG, m.to().subjectId());
        assertEquals("We hebben uw aanvraag ontvangen", m.subject());
        assertTrue(m.text().startsWith("Beste Anna de Vries,"), m.text());
        assertTrue(m.text().contains("ABCDEF12") && m.text().contains("12 november 2026"), m.text());
        assertFalse(m.text().contains("{{"), m.text());
        assertEquals(AppreciationMessages.PURPOSE, m.purpose());
        assertEquals(null, m.letter());
    }

    @Test
    void theTenantsTemplateIsUsed() {
        policy.put(MessagePolicy.KEY, "{\"ontvangen\": {\"onderwerp\": \"Aanvraag {{aanvraagnummer}} binnen\"}}");
        messages.received(T, application(Applications.SUBMITTED, null, null));
        assertEquals("Aanvraag ABCDEF12 binnen", stored.get(0).subject());
        assertTrue(stored.get(0).text().startsWith("Beste Anna de Vries,"));
    }

    @Test
    void anErasedCaregiverGetsNothing() {
        recipients.clear();
        messages.received(T, application(Applications.SUBMITTED, null, null));
        assertEquals(List.of(), stored);
    }

    @Test
    void aDecisionCarriesItsLetterAsAttachmentAndForPost() {
        byte[] pdf = {'%', 'P', 'D', 'F'};
        messages.decided(T, application(Applications.GRANTED, new BigDecimal("150.00"), "geld"),
                new StoredLetter("L1", "toekenning", "besluit-2026-abcdef12.pdf", pdf, Instant.now()));
        OutgoingMessage m = stored.get(0);
        assertEquals("waardering.besluit/" + APP + "/L1", m.reference());
        assertEquals("besluit-2026-abcdef12.pdf", m.attachments().get(0).fileName());
        assertEquals("application/pdf", m.attachments().get(0).mediaType());
        assertArrayEquals(pdf, m.letter());
        assertTrue(m.text().contains("U krijgt de mantelzorgwaardering: € 150,00 (op uw bankrekening)."), m.text());
        assertFalse(m.text().contains("niet."), m.text());
        messages.decided(T, application(Applications.REJECTED, null, null),
                new StoredLetter("L2", "afwijzing", "b.pdf", pdf, Instant.now()));
        assertTrue(stored.get(1).text().contains("U krijgt de mantelzorgwaardering niet."), stored.get(1).text());
    }

    @Test
    void paidVoucherAndInvitationHaveTheirReferences() throws Exception {
        messages.paid(null, T, 2026, "G1", CG, new BigDecimal("100"), Instant.parse("2027-04-01T08:00:00Z"));
        PaymentRuns.Grant g = new PaymentRuns.Grant("G2", APP, CG, 2026, new BigDecimal("50"), null, "waardebon",
                "uitgegeven", null, 0, null, "ABCD-EFGH-JKLM-NPQR", null, null, false);
        messages.voucherIssued(null, T, g, application(Applications.GRANTED, new BigDecimal("50"), "waardebon"),
                new StoredLetter("L3", "waardebon", "waardebon.pdf", new byte[] {1}, Instant.now()),
                LocalDate.of(2027, 12, 31));
        messages.invitation(null, T, 2027, CG, LocalDate.of(2027, 1, 1), LocalDate.of(2027, 3, 1));
        assertEquals(List.of("waardering.uitbetaald/G1", "waardering.waardebon/G2", "waardering.uitnodiging/2027/" + CG),
                stored.stream().map(OutgoingMessage::reference).toList());
        assertTrue(stored.get(0).text().contains("1 april 2027") && stored.get(0).text().contains("€ 100,00"));
        assertTrue(stored.get(1).text().contains("31 december 2027"), stored.get(1).text());
        assertFalse(stored.get(1).text().contains("ABCD-EFGH"), "the code is in the letter, not the e-mail");
        assertTrue(stored.get(2).text().contains("1 januari 2027 tot en met 1 maart 2027"), stored.get(2).text());
    }
}
