package nl.mantelkring.appreciation.internal.messages;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.mantelkring.appreciation.internal.Applications;
import nl.mantelkring.appreciation.internal.letters.StoredLetter;
import nl.mantelkring.appreciation.internal.payment.PaymentRuns;
import nl.mantelkring.platform.api.documents.Templates;
import nl.mantelkring.platform.api.messages.Attachment;
import nl.mantelkring.platform.api.messages.OutgoingMessage;
import nl.mantelkring.platform.api.messages.Outbox;
import nl.mantelkring.platform.api.messages.Recipient;
import nl.mantelkring.platform.api.policy.PolicyStore;
import nl.mantelkring.registration.CaregiverDirectory;

/**
 * The module's messages to caregivers (issue 19, helper A2 implements; the signatures are the contract with helper
 * A1). Renders the tenant's template (policy {@code waardering.berichten}, see {@link MessagePolicy}) and stores the
 * message in the platform outbox on the platform datasource (within the request's transaction during an audited
 * write). The recipient comes from {@code CaregiverDirectory.recipient}; an erased or unknown caregiver gets nothing.
 * The channel is the platform's choice (the recipient's preferred channel). Must not reference {@link Applications}
 * (no DS cycle).
 *
 * <p>Every message has a reference that makes storing it idempotent: {@code <kind>/<id of the cause>[/<n>]}, see
 * {@link #reference}.
 */
@Component(service = AppreciationMessages.class)
public class AppreciationMessages {

    /** The purpose in the platform's audit entry of sending. */
    public static final String PURPOSE = "Mantelzorgwaardering (Wmo 2015 art. 2.1.6)";

    private static final Logger LOG = LoggerFactory.getLogger(AppreciationMessages.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final Locale NL = Locale.forLanguageTag("nl-NL");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", NL);

    private final Outbox outbox;
    private final Templates templates;
    private final PolicyStore policies;
    private final CaregiverDirectory directory;

    @Activate
    public AppreciationMessages(@Reference Outbox outbox, @Reference Templates templates,
                                @Reference PolicyStore policies, @Reference CaregiverDirectory directory) {
        this.outbox = outbox;
        this.templates = templates;
        this.policies = policies;
        this.directory = directory;
    }

    /** "Aanvraag ontvangen": after an application is stored (loket or balie). */
    public void received(String tenant, Applications.Stored application) {
        Map<String, Object> model = applicationModel(application);
        model.put("ontvangenOp", date(application.submittedAt()));
        send(null, tenant, application.year(), MessagePolicy.RECEIVED, application.caregiverId(),
                reference(MessagePolicy.RECEIVED, application.id()), model, List.of(), null);
    }

    /** "Besluit": the decision letter attached (and printed when the caregiver gets post). */
    public void decided(String tenant, Applications.Stored application, StoredLetter letter) {
        Map<String, Object> model = applicationModel(application);
        boolean granted = Applications.GRANTED.equals(application.status());
        model.put("toegekend", granted);
        model.put("afgewezen", !granted);
        model.put("herziening", letter != null && "herziening".equals(letter.kind()));
        model.put("bedrag", granted ? euro(application.payable() != null ? application.payable()
                : application.amount()) : "");
        model.put("uitbetaalwijze", granted ? channelText(application.channel()) : "");
        send(null, tenant, application.year(), MessagePolicy.DECIDED, application.caregiverId(),
                reference(MessagePolicy.DECIDED, application.id(), letter == null ? "0" : letter.id()), model,
                attachments(letter), letter == null ? null : letter.pdf());
    }

    /** "Waardebon": the voucher letter attached. */
    public void voucherIssued(String tenant, PaymentRuns.Grant grant, Applications.Stored application,
                              StoredLetter letter) {
        try {
            voucherIssued(null, tenant, grant, application, letter, null);
        } catch (SQLException e) {
            throw new nl.mantelkring.platform.api.data.DataAccessException(e);
        }
    }

    // ------------------------------------------------------------------------------------------------ issue 19 (A2)

    /**
     * "Meer informatie nodig", with the consultant's explanation; {@code requestId} is the recorded request.
     *
     * @return the message id, or empty when the caregiver cannot be reached (erased)
     */
    public Optional<String> informationNeeded(String tenant, Applications.Stored application, String requestId,
                                              String explanation) {
        Map<String, Object> model = applicationModel(application);
        model.put("toelichting", explanation);
        return send(null, tenant, application.year(), MessagePolicy.INFORMATION, application.caregiverId(),
                reference(MessagePolicy.INFORMATION, application.id(), requestId), model, List.of(), null);
    }

    /**
     * "Waardebon" with the voucher's validity, stored in the caller's transaction on {@code c} (null: as
     * {@link Outbox#enqueue(OutgoingMessage)}).
     */
    public Optional<String> voucherIssued(Connection c, String tenant, PaymentRuns.Grant grant,
                                          Applications.Stored application, StoredLetter letter, LocalDate validUntil)
            throws SQLException {
        Map<String, Object> model = applicationModel(application);
        model.put("bedrag", euro(grant.payable() != null ? grant.payable() : grant.amount()));
        model.put("geldigTot", validUntil == null ? "" : DATE.format(validUntil));
        return send(c, tenant, grant.year(), MessagePolicy.VOUCHER, grant.caregiverId(),
                reference(MessagePolicy.VOUCHER, grant.id()), model, attachments(letter),
                letter == null ? null : letter.pdf());
    }

    /** "Uitbetaald": a grant paid by a confirmed payment run, stored in the caller's transaction. */
    public Optional<String> paid(Connection c, String tenant, int year, String grantId, String caregiverId,
                                 BigDecimal amount, Instant paidAt) throws SQLException {
        Map<String, Object> model = new HashMap<>();
        model.put("jaar", year);
        model.put("bedrag", euro(amount));
        model.put("betaaldOp", date(paidAt));
        return send(c, tenant, year, MessagePolicy.PAID, caregiverId, reference(MessagePolicy.PAID, grantId), model,
                List.of(), null);
    }

    /** "Uitnodiging" to apply for {@code year}, stored in the caller's transaction. */
    public Optional<String> invitation(Connection c, String tenant, int year, String caregiverId, LocalDate from,
                                       LocalDate until) throws SQLException {
        Map<String, Object> model = new HashMap<>();
        model.put("jaar", year);
        model.put("aanvragenVanaf", DATE.format(from));
        model.put("aanvragenTotEnMet", DATE.format(until));
        return send(c, tenant, year, MessagePolicy.INVITATION, caregiverId,
                reference(MessagePolicy.INVITATION, String.valueOf(year), caregiverId), model, List.of(), null);
    }

    /** The idempotency key of a message: {@code waardering.<kind>/<cause>[/<n>]}. */
    static String reference(String kind, String... cause) {
        return MessagePolicy.messageKind(kind) + "/" + String.join("/", cause);
    }

    /**
     * Renders the kind's template for the year and stores the message (in {@code c}'s transaction when given).
     * Nothing when the caregiver cannot be reached (unknown or erased).
     */
    private Optional<String> send(Connection c, String tenant, int year, String kind, String caregiverId,
                                  String reference, Map<String, Object> model, List<Attachment> attachments,
                                  byte[] letter) {
        Optional<Recipient> to = directory.recipient(tenant, caregiverId);
        if (to.isEmpty()) {
            LOG.debug("No message {} in {}: the caregiver is unknown or erased", kind, tenant);
            return Optional.empty();
        }
        model.put("naam", to.get().name());
        model.putIfAbsent("jaar", year);
        MessagePolicy.Template t = MessagePolicy.template(policy(tenant, year), kind);
        OutgoingMessage m = new OutgoingMessage(tenant, MessagePolicy.messageKind(kind), reference, to.get(),
                MessagePolicy.subjectLine(templates.renderText(t.subject(), model)),
                templates.renderText(t.text(), model), attachments, letter, PURPOSE);
        try {
            return Optional.of(c == null ? outbox.enqueue(m) : outbox.enqueue(c, m));
        } catch (SQLException e) {
            throw new nl.mantelkring.platform.api.data.DataAccessException(e);
        }
    }

    /** The tenant's templates for the year, or null for the defaults (an unreadable value: the defaults too). */
    private JsonNode policy(String tenant, int year) {
        return policies.current(tenant, MessagePolicy.KEY, year).map(v -> {
            try {
                return JSON.readTree(v.value());
            } catch (JsonProcessingException e) {
                LOG.warn("Policy {} of {} is not JSON; the default messages are used", MessagePolicy.KEY, tenant);
                return null;
            }
        }).orElse(null);
    }

    private static Map<String, Object> applicationModel(Applications.Stored application) {
        Map<String, Object> model = new HashMap<>();
        model.put("jaar", application.year());
        model.put("aanvraagnummer", number(application.id()));
        return model;
    }

    /** The short application number the caregiver can quote: the id's first eight characters, upper case. */
    static String number(String applicationId) {
        return applicationId.substring(0, Math.min(8, applicationId.length())).toUpperCase(Locale.ROOT);
    }

    private static List<Attachment> attachments(StoredLetter letter) {
        return letter == null ? List.of() : List.of(new Attachment(letter.fileName(), "application/pdf", letter.pdf()));
    }

    static String euro(BigDecimal amount) {
        if (amount == null) {
            return "";
        }
        NumberFormat f = NumberFormat.getCurrencyInstance(NL);
        return f.format(amount).replace('\u00a0', ' ');
    }

    private static String date(Instant at) {
        return at == null ? "" : DATE.format(at.atZone(ZONE).toLocalDate());
    }

    private static String channelText(String channel) {
        if (channel == null) {
            return "";
        }
        return switch (channel) {
            case "geld" -> "op uw bankrekening";
            case "waardebon" -> "als waardebon";
            case "activiteit" -> "als activiteit";
            default -> "via " + channel.replaceFirst("^plugin:", "");
        };
    }
}
