package nl.mantelkring.appreciation.internal.letters;

import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.appreciation.internal.Applications;
import nl.mantelkring.appreciation.internal.payment.PaymentRuns;
import nl.mantelkring.appreciation.internal.rules.Evaluator;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.audit.AuditEntry;
import nl.mantelkring.platform.api.audit.AuditLog;
import nl.mantelkring.platform.api.data.Database;
import nl.mantelkring.platform.api.data.Jdbc;
import nl.mantelkring.platform.api.documents.Letter;
import nl.mantelkring.platform.api.documents.Letters;
import nl.mantelkring.platform.api.documents.Templates;
import nl.mantelkring.platform.api.messages.Recipient;
import nl.mantelkring.platform.api.policy.PolicyStore;
import nl.mantelkring.platform.api.policy.PolicyVersion;
import nl.mantelkring.registration.CaregiverDirectory;

/**
 * Decision and voucher letters (issue 19, helper A1 implements; the signatures are the contract with helper A2).
 * Renders the tenant's template (policy {@code waardering.brieven}) on the letterhead as PDF/A and stores it with the
 * decision, on the platform datasource (so within the request's transaction during an audited write), audited as
 * {@code waarderingsbrief.maken}. Must not reference {@link Applications} (it references this: no DS cycle).
 */
@Component(service = AppreciationLetters.class)
public class AppreciationLetters {

    /** Makes and stores the letter for the application's current decision (granted, refused, or re-decided). */
    public StoredLetter decisionLetter(String tenant, Applications.Stored application) {
        Optional<Review> review = pendingReview(tenant, application.id());
        String kind = review.isPresent() ? LetterPolicy.REVIEW
                : Applications.GRANTED.equals(application.status()) ? LetterPolicy.GRANT
                : Applications.REJECTED.equals(application.status()) ? LetterPolicy.REFUSAL : null;
        if (kind == null) {
            throw new IllegalStateException("application " + application.id() + " has no decision ("
                    + application.status() + ")");
        }
        LetterPolicy policy = policy(tenant, application.year());
        LocalDate date = today();
        Map<String, Object> model = common(tenant, application, policy, date);
        decision(model, application, policy, date);
        review.ifPresent(r -> {
            model.put("bezwaarOntvangenOp", longDate(r.receivedOn()));
            model.put("gegrond", GROUNDED.equals(r.outcome()));
            model.put("ongegrond", !GROUNDED.equals(r.outcome()));
            model.put("motivering", r.motivation());
            model.put("toegekend", Applications.GRANTED.equals(application.status()));
            model.put("afgewezen", Applications.REJECTED.equals(application.status()));
        });
        String actor = application.decidedBy() == null ? SYSTEM : application.decidedBy();
        return make(tenant, application, kind, policy, model, date, actor, review.map(Review::id).orElse(null));
    }

    /** Makes and stores the voucher letter with the voucher code of an issued voucher. */
    public StoredLetter voucherLetter(String tenant, PaymentRuns.Grant grant, Applications.Stored application) {
        if (grant.voucherCode() == null) {
            throw new IllegalStateException("grant " + grant.id() + " has no voucher code");
        }
        LetterPolicy policy = policy(tenant, application.year());
        LocalDate date = today();
        Map<String, Object> model = common(tenant, application, policy, date);
        BigDecimal amount = grant.payable() != null ? grant.payable() : grant.amount();
        model.put("bedragBekend", amount != null);
        model.put("bedrag", amount == null ? "" : money(amount));
        model.put("waardeboncode", grant.voucherCode());
        LocalDate until = jdbc.queryOne("select voucher_valid_until from appreciation_grant where tenant = ? and id = ?",
                rs -> rs.getObject(1, LocalDate.class), tenant, grant.id()).orElse(null);
        model.put("geldigTot", until == null ? "onbeperkt" : longDate(until));
        return make(tenant, application, LetterPolicy.VOUCHER, policy, model, date, SYSTEM, null);
    }

    // ---- everything below is A1's own (not part of the contract with A2) ----

    /** Outcome of a decision on an objection: the objection was right. */
    public static final String GROUNDED = "gegrond";
    /** Outcome of a decision on an objection: the decision stands. */
    public static final String UNFOUNDED = "ongegrond";

    static final String SYSTEM = "systeem:waardering";
    static final String PURPOSE = "Mantelzorgwaardering (Wmo 2015 art. 2.1.6); besluit op schrift (Awb 3:40, 3:46)";
    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final Locale NL = Locale.forLanguageTag("nl-NL");
    private static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", NL);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OWNER = "appreciation";

    /** Readable names of the evaluator's rules (its codes), for the grounds in a letter. */
    static final Map<String, String> RULE_NAMES = Map.ofEntries(
            Map.entry("aanvraagperiode", "Aanvraagperiode"), Map.entry("aanvrager", "Wie mag aanvragen"),
            Map.entry("woonplaats", "Woonplaats"), Map.entry("leeftijd", "Leeftijd"),
            Map.entry("duur", "Hoe lang u al zorgt"), Map.entry("uren", "Uren zorg per week"),
            Map.entry("betaaldeZorg", "Betaalde zorg"), Map.entry("eenmaalPerJaar", "Eén keer per jaar"),
            Map.entry("mantelzorgersPerZorgvrager", "Mantelzorgers per zorgvrager"),
            Map.entry("adres", "Waarderingen per adres"), Map.entry("leeftijdsband", "Bedrag bij uw leeftijd"),
            Map.entry("verdeling", "Verdeling over mantelzorgers"),
            Map.entry("maximumPerAdres", "Maximum per adres"), Map.entry("budget", "Budget van de gemeente"));

    private final Jdbc jdbc;
    private final PolicyStore policies;
    private final Templates templates;
    private final Letters letters;
    private final CaregiverDirectory directory;
    private final AuditLog audit;
    private final Clock clock;

    @Activate
    public AppreciationLetters(@Reference Database database, @Reference PolicyStore policies,
                               @Reference Templates templates, @Reference Letters letters,
                               @Reference CaregiverDirectory directory, @Reference AuditLog audit) {
        this(database, policies, templates, letters, directory, audit, Clock.systemUTC());
    }

    public AppreciationLetters(Database database, PolicyStore policies, Templates templates, Letters letters,
                               CaregiverDirectory directory, AuditLog audit, Clock clock) {
        database.migrate(OWNER, Applications.class.getClassLoader());   // idempotent; the tables are the module's
        this.jdbc = new Jdbc(database.dataSource());
        this.policies = policies;
        this.templates = templates;
        this.letters = letters;
        this.directory = directory;
        this.audit = audit;
        this.clock = clock;
    }

    /** The tenant's letter policy for the year over the built-in defaults; 503 when the stored value is unusable. */
    public LetterPolicy policy(String tenant, int year) {
        Optional<PolicyVersion> v = policies.current(tenant, LetterPolicy.KEY, year);
        if (v.isEmpty()) {
            return LetterPolicy.defaults();
        }
        try {
            return LetterPolicy.parse(JSON.readTree(v.get().value()), templates, v.get().version());
        } catch (LetterPolicy.Invalid e) {
            throw ProblemException.unusablePolicy(LetterPolicy.KEY, e.problems().get(0).field() + ": "
                    + e.problems().get(0).reason().replaceAll("\\.$", ""));
        } catch (JsonProcessingException e) {
            throw ProblemException.unusablePolicy(LetterPolicy.KEY, "geen geldige JSON");
        }
    }

    /** The templates' problems (for the policy validator and the preview): unknown placeholders named. */
    public LetterPolicy parse(JsonNode value) {
        return LetterPolicy.parse(value, templates, null);
    }

    /**
     * A preview of one kind with sample data (Jan Jansen, € 100,00, ...), from the saved policy of this year or,
     * when {@code unsaved} is given, from that value (checked first: {@link LetterPolicy.Invalid}).
     */
    public byte[] preview(String tenant, String kind, JsonNode unsaved) {
        LocalDate date = today();
        LetterPolicy policy = unsaved == null ? policy(tenant, date.getYear()) : parse(unsaved);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("naam", "J. Jansen");
        m.put("datum", longDate(date));
        m.put("kenmerk", "W" + date.getYear() + "-VOORBEELD");
        m.put("jaar", date.getYear());
        m.put("aanvraagdatum", longDate(date.minusDays(14)));
        objectionClause(m, policy, date);
        m.put("bedragBekend", true);
        m.put("bedrag", money(new BigDecimal("100")));
        m.put("bedragVoorlopig", false);
        m.put("uitbetaalwijze", payoutText("geld"));
        m.put("geld", true);
        m.put("waardebon", false);
        m.put("verwachteBetaaldatum", longDate(date.plusWeeks(policy.payoutWeeks())));
        List<Map<String, Object>> grounds = List.of(
                ground("woonplaats", true, "U woont in de gemeente."),
                ground("uren", !LetterPolicy.REFUSAL.equals(kind), LetterPolicy.REFUSAL.equals(kind)
                        ? "U zorgt 4 uur per week; nodig is ten minste 8 uur per week."
                        : "U zorgt ten minste 8 uur per week."));
        m.put("gronden", grounds);
        m.put("nietVoldaan", grounds.stream().filter(g -> !(Boolean) g.get("voldaan")).toList());
        m.put("metToelichting", false);
        m.put("besluitToelichting", "");
        m.put("bezwaarOntvangenOp", longDate(date.minusDays(7)));
        m.put("gegrond", true);
        m.put("ongegrond", false);
        m.put("motivering", "U heeft aangetoond dat u in de gemeente woont.");
        m.put("toegekend", true);
        m.put("afgewezen", false);
        m.put("waardeboncode", "ABCD-EFGH-JKLM-NPQR");
        m.put("geldigTot", longDate(date.plusMonths(12)));
        LetterPolicy.Template t = policy.template(kind);
        return letters.render(tenant, new Letter(List.of("J. Jansen", "Voorbeeldstraat 1", "1234 AB Voorbeeld"), date,
                (String) m.get("kenmerk"), templates.renderText(t.subject(), m), templates.renderHtml(t.text(), m)));
    }

    /** The application's letters, oldest first. */
    public List<LetterInfo> ofApplication(String tenant, String applicationId) {
        return jdbc.query("select " + INFO + " from appreciation_letter where tenant = ? and application_id = ?"
                + " order by created_at, decision_no", AppreciationLetters::info, tenant, applicationId);
    }

    /** The caregiver's letters (every application), oldest first: the right of access. */
    public List<LetterInfo> ofCaregiver(String tenant, String caregiverId) {
        return jdbc.query("select " + INFO + " from appreciation_letter where tenant = ? and caregiver_id = ?"
                + " order by created_at, decision_no", AppreciationLetters::info, tenant, caregiverId);
    }

    /** One letter of the application with its PDF. */
    public Optional<StoredLetter> find(String tenant, String applicationId, String letterId) {
        return jdbc.queryOne("select id, kind, file_name, pdf, created_at from appreciation_letter where tenant = ?"
                + " and application_id = ? and id = ?", rs -> new StoredLetter(rs.getString(1), rs.getString(2),
                        rs.getString(3), rs.getBytes(4), Jdbc.instant(rs, "created_at")), tenant, applicationId,
                letterId);
    }

    /** Deletes the caregiver's letters in the caller's transaction (erasure); returns how many. */
    public static int erase(Connection c, String tenant, String caregiverId) throws SQLException {
        return Jdbc.update(c, "delete from appreciation_letter where tenant = ? and caregiver_id = ?", tenant,
                caregiverId);
    }

    /** Today in the Netherlands by this component's clock. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(ZONE));
    }

    /** A date as a letter writes it: {@code 3 december 2026}. */
    public static String longDate(LocalDate d) {
        return d.format(LONG_DATE);
    }

    private static final String INFO = "id, application_id, kind, file_name, octet_length(pdf) as size, sha256,"
            + " created_at";

    private static LetterInfo info(java.sql.ResultSet rs) throws SQLException {
        return new LetterInfo(rs.getString("id"), rs.getString("application_id"), rs.getString("kind"),
                rs.getString("file_name"), rs.getLong("size"), rs.getString("sha256"), Jdbc.instant(rs, "created_at"));
    }

    /** A decided objection whose decision has no letter yet: the next decision letter is its {@code herziening}. */
    private record Review(String id, LocalDate receivedOn, String outcome, String motivation) {
    }

    private Optional<Review> pendingReview(String tenant, String applicationId) {
        return jdbc.queryOne("select id, received_on, outcome, motivation from appreciation_objection where tenant = ?"
                + " and application_id = ? and outcome is not null and letter_id is null", rs -> new Review(
                        rs.getString(1), rs.getObject(2, LocalDate.class), rs.getString(3), rs.getString(4)),
                tenant, applicationId);
    }

    private Map<String, Object> common(String tenant, Applications.Stored a, LetterPolicy policy, LocalDate date) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("naam", recipient(tenant, a).name());
        m.put("datum", longDate(date));
        m.put("kenmerk", reference(a));
        m.put("jaar", a.year());
        m.put("aanvraagdatum", longDate(LocalDate.ofInstant(a.submittedAt(), ZONE)));
        objectionClause(m, policy, date);
        return m;
    }

    private static void objectionClause(Map<String, Object> m, LetterPolicy policy, LocalDate date) {
        LetterPolicy.Objection o = policy.objection();
        m.put("bezwaarTermijnWeken", o.weeks());
        m.put("bezwaarUiterlijk", longDate(objectionDeadline(date, o.weeks())));
        m.put("metPostadres", o.postalAddress() != null);
        m.put("bezwaarPostadres", o.postalAddress() == null ? "" : o.postalAddress());
        m.put("metEmail", o.email() != null);
        m.put("bezwaarEmail", o.email() == null ? "" : o.email());
        m.put("metWebformulier", o.webForm() != null);
        m.put("bezwaarWebformulier", o.webForm() == null ? "" : o.webForm());
    }

    /**
     * The last day to object against a decision sent on {@code sent}: the term starts the day after (Awb 6:8) and
     * ends {@code weeks} weeks later, on the same weekday as the day it was sent.
     */
    public static LocalDate objectionDeadline(LocalDate sent, int weeks) {
        return sent.plusWeeks(weeks);
    }

    private void decision(Map<String, Object> m, Applications.Stored a, LetterPolicy policy, LocalDate date) {
        BigDecimal amount = a.payable() != null ? a.payable() : a.amount();
        boolean granted = Applications.GRANTED.equals(a.status());
        m.put("bedragBekend", granted && amount != null);
        m.put("bedrag", amount == null ? "" : money(amount));
        m.put("bedragVoorlopig", a.provisional());
        m.put("uitbetaalwijze", granted ? payoutText(a.channel()) : "");
        m.put("geld", "geld".equals(a.channel()));
        m.put("waardebon", "waardebon".equals(a.channel()));
        m.put("verwachteBetaaldatum", longDate(date.plusWeeks(policy.payoutWeeks())));
        List<Map<String, Object>> grounds = new ArrayList<>();
        for (Evaluator.RuleResult r : a.evaluation().rules()) {
            grounds.add(ground(r.rule(), r.passed(), r.reason()));
        }
        m.put("gronden", grounds);
        m.put("nietVoldaan", grounds.stream().filter(g -> !(Boolean) g.get("voldaan")).toList());
        String reason = a.decisionReason();
        m.put("metToelichting", reason != null && !reason.isBlank());
        m.put("besluitToelichting", reason == null ? "" : reason);
    }

    private static Map<String, Object> ground(String rule, boolean passed, String reason) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("regel", RULE_NAMES.getOrDefault(rule, rule));
        g.put("uitleg", reason == null ? "" : reason);
        g.put("voldaan", passed);
        return g;
    }

    static String payoutText(String channel) {
        if (channel == null) {
            return "";
        }
        return switch (channel) {
            case "geld" -> "Wij maken het bedrag over op uw bankrekening.";
            case "waardebon" -> "U krijgt een waardebon. De code van de waardebon sturen wij u in een aparte brief.";
            default -> "U krijgt de waardering via een organisatie waarmee de gemeente samenwerkt.";
        };
    }

    static String money(BigDecimal amount) {
        return String.format(NL, "€ %,.2f", amount);
    }

    private Recipient recipient(String tenant, Applications.Stored a) {
        // also for a deregistered caregiver; never for an erased one (then there is no decision to write)
        return directory.recipient(tenant, a.caregiverId()).orElseThrow(() -> new IllegalStateException(
                "no recipient for the caregiver of application " + a.id()));
    }

    private static String reference(Applications.Stored a) {
        return "W" + a.year() + "-" + a.id().substring(0, 8).toUpperCase(Locale.ROOT);
    }

    private StoredLetter make(String tenant, Applications.Stored a, String kind, LetterPolicy policy,
                              Map<String, Object> model, LocalDate date, String actor, String reviewId) {
        Recipient r = recipient(tenant, a);
        List<String> address = new ArrayList<>();
        address.add(r.name());
        address.addAll(r.postalAddress().stream().limit(5).toList());
        LetterPolicy.Template t = policy.template(kind);
        // rendering is the slow part: done before the (short) transaction that stores the letter
        byte[] pdf = letters.render(tenant, new Letter(address, date, reference(a),
                templates.renderText(t.subject(), model), templates.renderHtml(t.text(), model)));
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String prefix = LetterPolicy.VOUCHER.equals(kind) ? "waardebon"
                : LetterPolicy.REVIEW.equals(kind) ? "beslissing-op-bezwaar" : "besluit";
        return jdbc.inTransaction(c -> {
            int n = Jdbc.query(c, "select count(*) from appreciation_letter where tenant = ? and application_id = ?",
                    rs -> rs.getInt(1), tenant, a.id()).get(0) + 1;
            String fileName = prefix + "-" + a.year() + "-" + a.id().substring(0, 8) + (n > 1 ? "-" + n : "")
                    + ".pdf";
            Jdbc.update(c, "insert into appreciation_letter (id, tenant, application_id, caregiver_id, kind,"
                    + " decision_no, file_name, pdf, sha256, template_version, created_at, created_by)"
                    + " values (?,?,?,?,?,?,?,?,?,?,?,?)", id, tenant, a.id(), a.caregiverId(), kind, n, fileName, pdf,
                    sha256(pdf), policy.version(), now, actor);
            if (reviewId != null) {
                Jdbc.update(c, "update appreciation_objection set letter_id = ? where tenant = ? and id = ?", id,
                        tenant, reviewId);
            }
            audit.record(c, new AuditEntry(tenant, actor, null, "waarderingsbrief.maken", "waarderingsbrief", id,
                    a.caregiverId(), PURPOSE, true, null, "geslaagd"));
            return new StoredLetter(id, kind, fileName, pdf, now);
        });
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
