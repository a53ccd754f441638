package nl.mantelkring.appreciation.internal;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Duration;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.mantelkring.appreciation.EligibilityInput;
import nl.mantelkring.appreciation.EligibilityRule;
import nl.mantelkring.appreciation.internal.letters.AppreciationLetters;
import nl.mantelkring.appreciation.internal.letters.StoredLetter;
import nl.mantelkring.appreciation.internal.messages.AppreciationMessages;
import nl.mantelkring.appreciation.internal.rules.AppreciationPolicy;
import nl.mantelkring.appreciation.internal.rules.Evaluator;
import nl.mantelkring.appreciation.internal.rules.Evaluator.Evaluation;
import nl.mantelkring.appreciation.internal.rules.Evaluator.History;
import nl.mantelkring.appreciation.internal.rules.VendorRules;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.Problems;
import nl.mantelkring.platform.api.data.DataAccessException;
import nl.mantelkring.platform.api.data.Database;
import nl.mantelkring.platform.api.data.Jdbc;
import nl.mantelkring.platform.api.plugin.PluginCalls;
import nl.mantelkring.platform.api.plugin.PluginRegistry;
import nl.mantelkring.platform.api.policy.PolicyStore;
import nl.mantelkring.registration.CareRelationInfo;
import nl.mantelkring.registration.CaregiverDirectory;
import nl.mantelkring.registration.CaregiverInfo;

/**
 * Applications and decisions. Every evaluation that can lead to a grant runs inside a transaction holding the
 * tenant-year row lock, after counting what was granted before, so two applications for the same unit — even
 * concurrent ones, on different nodes — yield at most one grant; the unique key on (tenant, year, unit) is the
 * database's second guarantee.
 */
@Component(service = Applications.class, configurationPid = Applications.PID)
@Designate(ocd = Applications.Config.class)
public class Applications {

    static final String PID = "nl.mantelkring.appreciation.rules";

    /** Node settings ({@code etc/nl.mantelkring.appreciation.rules.cfg}) for the vendor rules' calls. */
    @ObjectClassDefinition(name = "Mantelkring appreciation: vendor eligibility rules")
    public @interface Config {
        @AttributeDefinition(description = "Time limit per vendor rule (EligibilityRule) evaluation, in"
                + " milliseconds; a rule without an answer in time makes the application wait for a consultant.")
        long ruleTimeoutMillis() default 2000;

        @AttributeDefinition(description = "Vendor rule evaluations running at the same moment (threads); more"
                + " wait, up to four times as many, then the application waits for a consultant.")
        int ruleThreads() default 8;
    }

    private static final Logger LOG = LoggerFactory.getLogger(Applications.class);

    public static final String SUBMITTED = "ingediend";
    public static final String GRANTED = "toegekend";
    public static final String REJECTED = "afgewezen";
    public static final String WAITING = "wachten";
    public static final String WITHDRAWN = "ingetrokken";

    /** Intake channel ({@code aanvraagkanaal}): the citizen applied at the loket with DigiD. */
    public static final String LOKET = "loket";
    /** Intake channel: staff entered the application (at the counter, by phone, from a paper form). */
    public static final String BALIE = "balie";

    static final String OWNER = "appreciation";
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    /** A new application; {@code intake} is {@link #LOKET} or {@link #BALIE}. */
    public record NewApplication(int year, String caregiverId, String relationId, String applicant,
                                 boolean carePaid, String channelChoice, String intake) {
    }

    /** An application as stored. */
    public record Stored(String id, String tenant, int year, String caregiverId, String relationId,
                         String recipientId, String status, Evaluation evaluation, BigDecimal amount,
                         String channel, Instant submittedAt, String decidedBy, String decisionReason,
                         String grantId, BigDecimal payable, boolean provisional, String intake,
                         String applicant, boolean carePaid, String channelChoice, String grantStatus,
                         java.time.Instant decidedAt, String voucherCode) {

        Stored provisional(boolean provisional) {
            return new Stored(id, tenant, year, caregiverId, relationId, recipientId, status, evaluation, amount,
                    channel, submittedAt, decidedBy, decisionReason, grantId, payable, provisional, intake, applicant,
                    carePaid, channelChoice, grantStatus, decidedAt, voucherCode);
        }
    }

    private final Jdbc jdbc;
    private final Database database;
    private final PolicyStore policies;
    private final CaregiverDirectory directory;
    private final PluginRegistry plugins;
    private final Clock clock;
    private final Duration ruleTimeout;
    private final PluginCalls ruleCalls;
    /** Letters of decisions (issue 19); null only in unit tests of the rules alone. */
    private AppreciationLetters letters;

    @Activate
    public Applications(@Reference Database database, @Reference PolicyStore policies,
                        @Reference CaregiverDirectory directory, @Reference PluginRegistry plugins, Config config,
                        @Reference AppreciationLetters letters) {
        this(database, policies, directory, plugins, Clock.systemUTC(),
                Duration.ofMillis(Math.max(1, config.ruleTimeoutMillis())), Math.max(1, config.ruleThreads()));
        this.letters = letters;
    }

    Applications(Database database, PolicyStore policies, CaregiverDirectory directory, PluginRegistry plugins,
                 Clock clock) {
        this(database, policies, directory, plugins, clock, Duration.ofSeconds(2), 8);
    }

    Applications(Database database, PolicyStore policies, CaregiverDirectory directory, PluginRegistry plugins,
                 Clock clock, AppreciationLetters letters, AppreciationMessages messages) {
        this(database, policies, directory, plugins, clock, Duration.ofSeconds(2), 8);
        this.letters = letters;
        this.messages = messages;
    }

    Applications(Database database, PolicyStore policies, CaregiverDirectory directory, PluginRegistry plugins,
                 Clock clock, Duration ruleTimeout, int ruleThreads) {
        database.migrate(OWNER, getClass().getClassLoader());
        this.database = database;
        this.jdbc = new Jdbc(database.dataSource());
        this.policies = policies;
        this.directory = directory;
        this.plugins = plugins;
        this.clock = clock;
        this.ruleTimeout = ruleTimeout;
        this.ruleCalls = new PluginCalls("mantelkring-regels", ruleThreads, ruleThreads * 4);
    }

    @Deactivate
    void deactivate() {
        ruleCalls.close();
    }

    /** Today in the Netherlands, by the module's clock (a test sets the clock). */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(ZONE));
    }

    public Jdbc jdbc() {
        return jdbc;
    }

    /** Runs {@code task} once the current request's data is committed ({@link Database#afterCommit}). */
    public void afterCommit(Runnable task) {
        database.afterCommit(task);
    }

    /** The tenant's policy for the year; 409 when none is set, 503 when it is unusable. */
    public AppreciationPolicy policy(String tenant, int year) {
        String value = policies.current(tenant, AppreciationPolicy.KEY, year)
                .orElseThrow(() -> new ProblemException(409, Problems.of("geen-waarderingsbeleid"),
                        "Geen beleid", "De gemeente heeft voor " + year + " nog geen regels voor de"
                                + " mantelzorgwaardering vastgelegd (beleid " + AppreciationPolicy.KEY + ")."))
                .value();
        try {
            return AppreciationPolicy.parse(JSON.readTree(value));
        } catch (AppreciationPolicy.Invalid e) {
            throw ProblemException.unusablePolicy(AppreciationPolicy.KEY, e.problems().get(0).field() + ": "
                    + e.problems().get(0).reason().replaceAll("\\.$", ""));
        } catch (JsonProcessingException e) {
            throw ProblemException.unusablePolicy(AppreciationPolicy.KEY, "geen geldige JSON");
        }
    }

    /**
     * What {@link #apply} would refuse before evaluating (no rules for the year, a channel the policy does not offer,
     * an unknown or deregistered caregiver when {@code caregiverId} is given): checked before an application registers
     * its caregiver or relation in the same call, so that a refused request stores nothing.
     */
    public void checkApplicable(String tenant, int year, String caregiverId, String channelChoice) {
        checkChoice(policy(tenant, year), channelChoice);
        if (caregiverId != null && directory.caregiver(tenant, caregiverId).filter(CaregiverInfo::active).isEmpty()) {
            throw ProblemException.invalid("mantelzorgerId", "Geen (actieve) mantelzorger met dit id in deze gemeente.");
        }
    }

    /** Submits and evaluates at once; grants when every rule passes and the policy approves automatically. */
    public Stored apply(String tenant, String actor, NewApplication in) {
        AppreciationPolicy policy = policy(tenant, in.year());
        CaregiverInfo caregiver = directory.caregiver(tenant, in.caregiverId()).filter(CaregiverInfo::active)
                .orElseThrow(() -> ProblemException.invalid("mantelzorgerId",
                        "Geen (actieve) mantelzorger met dit id in deze gemeente."));
        CareRelationInfo relation = directory.relations(tenant, in.caregiverId()).stream()
                .filter(r -> r.id().equals(in.relationId())).findFirst()
                .orElseThrow(() -> ProblemException.invalid("zorgrelatieId",
                        "Geen zorgrelatie met dit id bij deze mantelzorger."));
        checkChoice(policy, in.channelChoice());
        EligibilityInput facts = facts(in.year(), today(), in.applicant(),
                in.carePaid(), caregiver, relation);
        Map<String, VendorRules.Verdict> vendor = vendorVerdicts(tenant, policy, facts);
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        inYearLock(tenant, in.year(), c -> {
            History h = history(c, tenant, in.year(), policy, caregiver, relation);
            Evaluation e = Evaluator.evaluate(policy, facts, h, vendor);
            String status = !e.grantable() ? (Evaluator.WAIT.equals(e.outcome()) ? WAITING : REJECTED)
                    : policy.autoApprove() ? GRANTED : SUBMITTED;
            String channel = channel(e, in.channelChoice());
            Jdbc.update(c, "insert into appreciation_application (id, tenant, budget_year, caregiver_id, relation_id,"
                    + " recipient_id, address_key, applicant, care_paid, status, evaluation, amount, channel,"
                    + " submitted_at, submitted_by, decided_at, decided_by, intake_channel, version)"
                    + " values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1)", id, tenant, in.year(), caregiver.id(),
                    relation.id(), relation.recipientId(), caregiver.addressKey(), in.applicant(), in.carePaid(),
                    status, json(e), e.amount(), channel, now, actor,
                    GRANTED.equals(status) || REJECTED.equals(status) ? now : null,
                    GRANTED.equals(status) || REJECTED.equals(status) ? "systeem:regels" : null,
                    LOKET.equals(in.intake()) ? LOKET : BALIE);
            Jdbc.update(c, "update appreciation_application set caregiver_age = ?, young_caregiver = ?,"
                    + " working_caregiver = ?, postcode_area = ?, channel_choice = ? where tenant = ? and id = ?",
                    facts.caregiverAge(),
                    facts.youngCaregiver(), facts.workingCaregiver(),
                    caregiver.postcode() == null ? null : caregiver.postcode().substring(0, 4),
                    in.channelChoice(), tenant, id);
            if (GRANTED.equals(status)) {
                grant(c, tenant, in.year(), id, policy, caregiver, relation, e, channel, now);
            }
        });
        return decided(tenant, received(tenant, find(tenant, id).orElseThrow()));
    }

    /** A consultant approves a submitted or waiting application: re-evaluated under the lock, then granted. */
    public Stored approve(String tenant, String id, String actor, String reason) {
        Stored a = find(tenant, id).orElseThrow(Applications::notFound);
        if (!SUBMITTED.equals(a.status()) && !WAITING.equals(a.status())) {
            throw ProblemException.conflict("Deze aanvraag is al " + a.status() + "; er valt niets meer te besluiten.");
        }
        return decided(tenant, evaluateAndGrant(tenant, a, actor, reason, List.of(SUBMITTED, WAITING), c -> { }));
    }

    /**
     * Re-evaluates the application under the year lock and grants it when the rules allow (409 with the rules'
     * reasons when not: nothing changed); {@code from} are the statuses it may be in, {@code also} runs in the same
     * transaction after the grant.
     */
    private Stored evaluateAndGrant(String tenant, Stored a, String actor, String reason, List<String> from,
                                    LockedWork also) {
        String id = a.id();
        AppreciationPolicy policy = policy(tenant, a.year());
        CaregiverInfo caregiver = directory.caregiver(tenant, a.caregiverId()).orElseThrow(Applications::notFound);
        CareRelationInfo relation = directory.relations(tenant, a.caregiverId()).stream()
                .filter(r -> r.id().equals(a.relationId())).findFirst().orElseThrow(Applications::notFound);
        EligibilityInput facts = facts(a.year(), LocalDate.ofInstant(a.submittedAt(), ZONE),
                applicantOf(tenant, id), carePaidOf(tenant, id), caregiver, relation);
        Map<String, VendorRules.Verdict> vendor = vendorVerdicts(tenant, policy, facts);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<String> choices = jdbc.query("select channel_choice from appreciation_application where tenant = ?"
                + " and id = ?", rs -> rs.getString(1), tenant, id);
        String choice = choices.isEmpty() ? null : choices.get(0);
        inYearLock(tenant, a.year(), c -> {
            History h = history(c, tenant, a.year(), policy, caregiver, relation);
            Evaluation e = Evaluator.evaluate(policy, facts, h, vendor);
            if (!e.grantable()) {
                throw new ProblemException(409, Problems.of("niet-toekenbaar"), "Niet toekenbaar",
                        "De aanvraag voldoet nu niet aan de regels: " + String.join(" ", e.rules().stream()
                                .filter(r -> !r.passed()).map(Evaluator.RuleResult::reason).toList()));
            }
            String channel = channel(e, choice);
            int n = Jdbc.update(c, "update appreciation_application set status = ?, evaluation = ?, amount = ?,"
                    + " channel = ?, decided_at = ?, decided_by = ?, decision_reason = ?, version = version + 1"
                    + " where tenant = ? and id = ? and status in (?, ?)", GRANTED, json(e), e.amount(),
                    channel, now, actor, reason, tenant, id, from.get(0), from.get(from.size() - 1));
            if (n == 0) {
                throw ProblemException.conflict("Deze aanvraag is zojuist door iemand anders besloten.");
            }
            grant(c, tenant, a.year(), id, policy, caregiver, relation, e, channel, now);
            also.run(c);
        });
        return find(tenant, id).orElseThrow();
    }

    /** A consultant rejects, with a reason the caregiver reads. */
    public Stored reject(String tenant, String id, String actor, String reason) {
        return decided(tenant, close(tenant, id, actor, reason, REJECTED, List.of(SUBMITTED, WAITING)));
    }

    /** The applicant withdraws before a decision. */
    public Stored withdraw(String tenant, String id, String actor, String reason) {
        return close(tenant, id, actor, reason, WITHDRAWN, List.of(SUBMITTED, WAITING));
    }

    private Stored close(String tenant, String id, String actor, String reason, String status, List<String> from) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        int n = jdbc.update("update appreciation_application set status = ?, decided_at = ?, decided_by = ?,"
                + " decision_reason = ?, version = version + 1 where tenant = ? and id = ? and status in (?, ?)",
                status, now, actor, reason, tenant, id, from.get(0), from.get(1));
        if (n == 0) {
            Stored a = find(tenant, id).orElseThrow(Applications::notFound);
            throw ProblemException.conflict("Deze aanvraag is al " + a.status() + ".");
        }
        return find(tenant, id).orElseThrow();
    }

    public Optional<Stored> find(String tenant, String id) {
        return jdbc.queryOne("select a.*, g.id as grant_id, g.payable as grant_payable, g.status as grant_status,"
                + " g.voucher_code as grant_voucher"
                + " from appreciation_application a"
                + " left join appreciation_grant g on g.application_id = a.id where a.tenant = ? and a.id = ?", rs -> {
            Evaluation e;
            try {
                e = JSON.readValue(rs.getString("evaluation"), Evaluation.class);
            } catch (JsonProcessingException ex) {
                throw new SQLException("unreadable evaluation", ex);
            }
            return new Stored(rs.getString("id"), rs.getString("tenant"), rs.getInt("budget_year"),
                    rs.getString("caregiver_id"), rs.getString("relation_id"), rs.getString("recipient_id"),
                    rs.getString("status"), e, rs.getBigDecimal("amount"), rs.getString("channel"),
                    Jdbc.instant(rs, "submitted_at"), rs.getString("decided_by"), rs.getString("decision_reason"),
                    rs.getString("grant_id"), rs.getBigDecimal("grant_payable"), false, rs.getString("intake_channel"),
                    rs.getString("applicant"), rs.getBoolean("care_paid"), rs.getString("channel_choice"),
                    rs.getString("grant_status"), Jdbc.instant(rs, "decided_at"), rs.getString("grant_voucher"));
        }, tenant, id).map(s -> s.provisional(s.payable() == null && s.amount() != null
                && List.of(SUBMITTED, WAITING, GRANTED).contains(s.status()) && amountsProvisional(tenant, s.year())));
    }

    /**
     * Applications of a year, optionally with one status and one intake channel ({@code aanvraagkanaal}), oldest
     * first (the consultant's queue).
     */
    public nl.mantelkring.platform.api.Page<Stored> list(String tenant, int year, String status, String intake,
                                                          nl.mantelkring.platform.api.PageRequest page) {
        String where = " from appreciation_application where tenant = ? and budget_year = ?"
                + (status == null ? "" : " and status = ?") + (intake == null ? "" : " and intake_channel = ?");
        List<Object> p = new java.util.ArrayList<>(List.of(tenant, year));
        if (status != null) {
            p.add(status);
        }
        if (intake != null) {
            p.add(intake);
        }
        Object[] params = p.toArray();
        long total = jdbc.count("select count(*)" + where, params);
        List<String> ids = jdbc.query("select id" + where + " order by submitted_at, id offset " + page.offset()
                + " rows fetch next " + page.pageSize() + " rows only", rs -> rs.getString(1), params);
        return nl.mantelkring.platform.api.Page.of(ids.stream().map(i -> find(tenant, i).orElseThrow()).toList(),
                page, total);
    }

    /** The caregiver's applications (every year), newest first: what a citizen sees at the loket. */
    public List<Stored> ofCaregiver(String tenant, String caregiverId) {
        return jdbc.query("select id from appreciation_application where tenant = ? and caregiver_id = ?"
                + " order by submitted_at desc, id", rs -> rs.getString(1), tenant, caregiverId).stream()
                .map(i -> find(tenant, i).orElseThrow()).toList();
    }

    /** Keeps what the citizen entered at the loket (without IBAN) with the application, for next year's renewal. */
    public void keepLoketRequest(String tenant, String id, String json) {
        jdbc.update("update appreciation_application set loket_request = ? where tenant = ? and id = ?", json, tenant,
                id);
    }

    /** What the citizen entered at the loket for this application, if it was made there. */
    public Optional<String> loketRequest(String tenant, String id) {
        return jdbc.queryOne("select loket_request from appreciation_application where tenant = ? and id = ?",
                rs -> rs.getString(1), tenant, id).filter(java.util.Objects::nonNull);
    }

    /** Number of grants for the tenant and year (for tests and reports). */
    public long grants(String tenant, int year) {
        return jdbc.count("select count(*) from appreciation_grant where tenant = ? and budget_year = ?", tenant, year);
    }

    /**
     * Whether the amounts granted in the year may still go down until a payment run fixes them: a split over the
     * recipient's caregivers ({@code verdeling}), a pro-rata share, or a budget that is lowered pro rata because more
     * was granted than budgeted. False when the year has no usable rules.
     */
    public boolean amountsProvisional(String tenant, int year) {
        try {
            AppreciationPolicy p = policy(tenant, year);
            return "verdeling".equals(p.payout().kind()) || "pro-rata".equals(p.payout().kind())
                    || "pro-rata".equals(p.onExhaustion()) && p.budget() != null
                    && committed(tenant, year).compareTo(p.budget()) > 0;
        } catch (ProblemException e) {
            return false;
        }
    }

    /** The year's granted amount against the budget. */
    public BigDecimal committed(String tenant, int year) {
        return jdbc.queryOne("select committed from appreciation_year where tenant = ? and budget_year = ?",
                rs -> rs.getBigDecimal(1), tenant, year).orElse(BigDecimal.ZERO);
    }

    private String applicantOf(String tenant, String id) {
        return jdbc.queryOne("select applicant from appreciation_application where tenant = ? and id = ?",
                rs -> rs.getString(1), tenant, id).orElseThrow();
    }

    private boolean carePaidOf(String tenant, String id) {
        return jdbc.queryOne("select care_paid from appreciation_application where tenant = ? and id = ?",
                rs -> rs.getBoolean(1), tenant, id).orElseThrow();
    }

    /**
     * The verdicts of the vendor rules the policy lists, each called with the time limit, outside any lock and
     * transaction. The rule sees only this tenant's code and this application's facts.
     */
    private Map<String, VendorRules.Verdict> vendorVerdicts(String tenant, AppreciationPolicy policy,
                                                            EligibilityInput facts) {
        if (policy.extraRules().isEmpty()) {
            return Map.of();
        }
        Map<String, EligibilityRule> rules = new LinkedHashMap<>();
        for (String ruleId : policy.extraRules()) {
            rules.put(ruleId, plugins.find(EligibilityRule.class, tenant, ruleId).orElse(null));
        }
        Map<String, VendorRules.Verdict> verdicts = VendorRules.evaluate(ruleCalls, ruleTimeout, tenant, facts, rules);
        for (String ruleId : VendorRules.undecided(verdicts)) {
            LOG.warn("Vendor eligibility rule {} named in {} of tenant {} gave no outcome, the application waits: {}",
                    ruleId, AppreciationPolicy.KEY, tenant, verdicts.get(ruleId).problem());
        }
        return verdicts;
    }

    /** Work that may grant, in one transaction holding the tenant-year lock. */
    @FunctionalInterface
    public interface LockedWork {
        void run(Connection c) throws SQLException;
    }

    /** Runs work in one transaction holding the tenant-year lock (decisions and payment runs). */
    public void inYearLock(String tenant, int year, LockedWork work) {
        ensureYear(tenant, year);
        try {
            jdbc.inTransaction(c -> {
                lockYear(c, tenant, year);
                work.run(c);
                return null;
            });
        } catch (DataAccessException e) {
            if (Jdbc.isUniqueViolation(e)) {
                throw alreadyGranted();   // the database's own guarantee: one grant per unit and year
            }
            throw e;
        }
    }

    private static EligibilityInput facts(int year, LocalDate date, String applicant, boolean carePaid,
                                          CaregiverInfo caregiver, CareRelationInfo relation) {
        int age = caregiver.ageOn(date);
        return new EligibilityInput(year, date, applicant, caregiver.id(), age, caregiver.livesInMunicipality(),
                relation.recipientId(), relation.recipientLivesInMunicipality(), relation.careSince(),
                relation.hoursPerWeek(), relation.careKinds(), relation.terminal(), carePaid, age < 25,
                caregiver.working());
    }

    private void ensureYear(String tenant, int year) {
        try {
            jdbc.update("insert into appreciation_year (tenant, budget_year, committed) values (?, ?, 0)", tenant, year);
        } catch (DataAccessException e) {
            if (!Jdbc.isUniqueViolation(e)) {
                throw e;
            }
        }
    }

    /** Locks the tenant-year row in the caller's transaction (the row exists once anything was decided). */
    public static void lockYear(Connection c, String tenant, int year) throws SQLException {
        Jdbc.query(c, "select committed from appreciation_year where tenant = ? and budget_year = ? for update",
                rs -> rs.getBigDecimal(1), tenant, year);
    }

    private static String unitKey(AppreciationPolicy policy, CaregiverInfo caregiver, CareRelationInfo relation) {
        return "mantelzorger".equals(policy.unit()) ? "mz:" + caregiver.id()
                : "zv:" + relation.recipientId() + ":" + caregiver.id();
    }

    /** What was granted before in the year, counted under the lock. */
    private static History history(Connection c, String tenant, int year, AppreciationPolicy policy,
                                   CaregiverInfo caregiver, CareRelationInfo relation) throws SQLException {
        int caregiverGrants = count(c, "select count(*) from appreciation_grant where tenant = ? and budget_year = ?"
                + " and caregiver_id = ?", tenant, year, caregiver.id());
        int pair = count(c, "select count(*) from appreciation_grant where tenant = ? and budget_year = ? and caregiver_id = ?"
                + " and recipient_id = ?", tenant, year, caregiver.id(), relation.recipientId());
        int recipientCaregivers = count(c, "select count(distinct caregiver_id) from appreciation_grant where"
                + " tenant = ? and budget_year = ? and recipient_id = ? and caregiver_id <> ?", tenant, year,
                relation.recipientId(), caregiver.id());
        String address = caregiver.addressKey();
        int addressGrants = address == null ? 0 : count(c, "select count(*) from appreciation_grant where tenant = ?"
                + " and budget_year = ? and address_key = ?", tenant, year, address);
        BigDecimal addressAmount = address == null ? BigDecimal.ZERO : sum(c, "select sum(amount) from"
                + " appreciation_grant where tenant = ? and budget_year = ? and address_key = ?", tenant, year, address);
        BigDecimal committed = sum(c, "select committed from appreciation_year where tenant = ? and budget_year = ?",
                tenant, year);
        return new History(caregiverGrants, pair, recipientCaregivers, addressGrants, addressAmount, committed);
    }

    /** The applicant's choice must be one the policy offers, and only when it offers one. */
    private static void checkChoice(AppreciationPolicy policy, String choice) {
        if ("keuze".equals(policy.channel())) {
            if (choice == null || !policy.choices().contains(choice)) {
                throw ProblemException.invalid("uitbetaalwijze", "Verplicht: deze gemeente laat de mantelzorger"
                        + " kiezen uit " + String.join(", ", policy.choices()) + ".");
            }
        } else if (choice != null && !choice.equals(policy.channel())) {
            throw ProblemException.invalid("uitbetaalwijze", "Deze gemeente betaalt uit als " + policy.channel()
                    + "; laat het veld weg.");
        }
    }

    /** The channel of a grant: the evaluation's (policy or age band), or the applicant's choice. */
    private static String channel(Evaluation e, String choice) {
        return "keuze".equals(e.channel()) && choice != null ? choice : e.channel();
    }

    private static void grant(Connection c, String tenant, int year, String applicationId, AppreciationPolicy policy,
                              CaregiverInfo caregiver, CareRelationInfo relation, Evaluation e, String channel,
                              Instant now) throws SQLException {
        Jdbc.update(c, "insert into appreciation_grant (id, tenant, budget_year, application_id, unit_key, caregiver_id,"
                + " recipient_id, address_key, amount, channel, status, created_at) values (?,?,?,?,?,?,?,?,?,?,?,?)",
                UUID.randomUUID().toString(), tenant, year, applicationId, unitKey(policy, caregiver, relation),
                caregiver.id(), relation.recipientId(), caregiver.addressKey(), e.amount(), channel, GRANTED, now);
        if ("verdeling".equals(policy.payout().kind()) && e.amount() != null) {
            // one more caregiver of the recipient: the share of those granted before goes down with it, as long as a
            // payment run (or voucher) has not fixed theirs; what is fixed stays (Payout.splitShare)
            Jdbc.update(c, "update appreciation_grant set amount = ? where tenant = ? and budget_year = ? and"
                    + " recipient_id = ? and payable is null and amount > ?", e.amount(), tenant, year,
                    relation.recipientId(), e.amount());
            Jdbc.update(c, "update appreciation_application set amount = ? where tenant = ? and budget_year = ? and"
                    + " recipient_id = ? and status = ? and amount > ? and not exists (select 1 from appreciation_grant"
                    + " g where g.application_id = appreciation_application.id and g.payable is not null)", e.amount(),
                    tenant, year, relation.recipientId(), GRANTED, e.amount());
        }
        if (e.budgetAmount() != null) {
            Jdbc.update(c, "update appreciation_year set committed = committed + ? where tenant = ? and budget_year = ?",
                    e.budgetAmount(), tenant, year);
        }
    }

    private static int count(Connection c, String sql, Object... params) throws SQLException {
        return Jdbc.query(c, sql, rs -> rs.getInt(1), params).get(0);
    }

    private static BigDecimal sum(Connection c, String sql, Object... params) throws SQLException {
        List<BigDecimal> r = Jdbc.query(c, sql, rs -> rs.getBigDecimal(1), params);
        return r.isEmpty() || r.get(0) == null ? BigDecimal.ZERO : r.get(0);
    }

    private static String json(Evaluation e) {
        try {
            return JSON.writeValueAsString(e);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public static ProblemException notFound() {
        return ProblemException.notFound("Geen aanvraag met dit id in deze gemeente.");
    }

    static ProblemException alreadyGranted() {
        return new ProblemException(409, Problems.of("al-toegekend"), "Al toegekend",
                "Voor deze mantelzorger (en zorgvrager) is dit jaar al een waardering toegekend.");
    }

    // ---- Decision letters and objections (issue 19, A1) ----

    /** Status of a decided application against which an objection (bezwaar) is pending. */
    public static final String OBJECTION = "bezwaar";

    /**
     * An objection against the decision on an application.
     *
     * @param againstStatus the decision objected to: {@link #GRANTED} or {@link #REJECTED}
     * @param deadline      the last day of the Awb term; {@code inTime} whether it was received by then
     * @param outcome       null while open, else {@code gegrond} or {@code ongegrond}
     */
    public record Objection(String id, String applicationId, LocalDate receivedOn, LocalDate deadline, boolean inTime,
                            String grounds, String againstStatus, Instant registeredAt, String registeredBy,
                            String outcome, String motivation, Instant decidedAt, String decidedBy, String letterId) {
    }

    /** After every decision, in the request's unit of work and after the year lock's work: its letter, then its message. */
    private Stored decided(String tenant, Stored s) {
        if (letters != null && (GRANTED.equals(s.status()) || REJECTED.equals(s.status()))) {
            StoredLetter letter = letters.decisionLetter(tenant, s);
            var m = messages;
            if (m != null) {
                m.decided(tenant, s, letter);
            }
        }
        return s;
    }

    /**
     * Records an objection against the decision (status {@code toegekend} or {@code afgewezen} becomes
     * {@code bezwaar}); whether it came in time is decided by the Awb term from the decision's date ({@code
     * waardering.brieven} {@code bezwaar.termijnWeken}); a late one is recorded too, flagged. 409 when there is no
     * decision, an objection is pending, or the decision was already one on an objection (then: appeal to court).
     */
    public Objection object(String tenant, String id, String actor, LocalDate receivedOn, String grounds) {
        Stored a = find(tenant, id).orElseThrow(Applications::notFound);
        if (OBJECTION.equals(a.status())) {
            throw new ProblemException(409, Problems.of("bezwaar-loopt-al"), "Bezwaar loopt al",
                    "Tegen dit besluit loopt al een bezwaar. Beslis eerst daarop.");
        }
        if (!GRANTED.equals(a.status()) && !REJECTED.equals(a.status())) {
            throw new ProblemException(409, Problems.of("geen-besluit"), "Nog geen besluit",
                    "Bezwaar kan alleen tegen een besluit (toegekend of afgewezen). Deze aanvraag is " + a.status()
                            + ".");
        }
        if (objections(tenant, id).stream().anyMatch(o -> o.outcome() != null)) {
            throw new ProblemException(409, Problems.of("al-beslist-op-bezwaar"), "Al beslist op bezwaar",
                    "Op een bezwaar tegen dit besluit is al beslist. Daartegen staat beroep open bij de rechtbank,"
                            + " geen nieuw bezwaar.");
        }
        LocalDate sent = LocalDate.ofInstant(a.decidedAt(), ZONE);
        if (receivedOn.isBefore(sent)) {
            throw ProblemException.invalid("ontvangenOp", "Ligt vóór de datum van het besluit (" + sent + ").");
        }
        if (receivedOn.isAfter(today())) {
            throw ProblemException.invalid("ontvangenOp", "Ligt in de toekomst.");
        }
        int weeks = letters == null ? 6 : letters.policy(tenant, a.year()).objection().weeks();
        LocalDate deadline = AppreciationLetters.objectionDeadline(sent, weeks);
        String objectionId = UUID.randomUUID().toString();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        jdbc.inTransaction(c -> {
            int n = Jdbc.update(c, "update appreciation_application set status = ?, version = version + 1 where"
                    + " tenant = ? and id = ? and status = ?", OBJECTION, tenant, id, a.status());
            if (n == 0) {
                throw ProblemException.conflict("Deze aanvraag is zojuist door iemand anders gewijzigd.");
            }
            Jdbc.update(c, "insert into appreciation_objection (id, tenant, application_id, budget_year, received_on,"
                    + " deadline, in_time, grounds, against_status, registered_at, registered_by)"
                    + " values (?,?,?,?,?,?,?,?,?,?,?)", objectionId, tenant, id, a.year(), receivedOn, deadline,
                    !receivedOn.isAfter(deadline), grounds, a.status(), now, actor);
            return null;
        });
        return objections(tenant, id).stream().filter(o -> o.id().equals(objectionId)).findFirst().orElseThrow();
    }

    /**
     * The decision on the pending objection: {@code gegrond} against a refusal re-evaluates and grants as
     * {@link #approve} does (409 when the rules still refuse: correct the registration first; nothing changed);
     * {@code ongegrond}: the decision stands. Either way a new decision with its own {@code herziening} letter and
     * message. A grant cannot be revised here: an objection against a grant can only be declared unfounded.
     */
    public Stored decideObjection(String tenant, String id, String actor, String outcome, String motivation) {
        Stored a = find(tenant, id).orElseThrow(Applications::notFound);
        Objection open = objections(tenant, id).stream().filter(o -> o.outcome() == null).findFirst()
                .filter(o -> OBJECTION.equals(a.status()))
                .orElseThrow(() -> new ProblemException(409, Problems.of("geen-bezwaar"), "Geen bezwaar",
                        "Tegen deze aanvraag loopt geen bezwaar (status " + a.status() + ")."));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        LockedWork record = c -> {
            int n = Jdbc.update(c, "update appreciation_objection set outcome = ?, motivation = ?, decided_at = ?,"
                    + " decided_by = ? where tenant = ? and id = ? and outcome is null", outcome, motivation, now,
                    actor, tenant, open.id());
            if (n == 0) {
                throw ProblemException.conflict("Op dit bezwaar is zojuist door iemand anders beslist.");
            }
        };
        if (AppreciationLetters.GROUNDED.equals(outcome)) {
            if (GRANTED.equals(open.againstStatus())) {
                throw new ProblemException(409, Problems.of("toekenning-niet-herzienbaar"), "Toekenning niet"
                        + " herzienbaar", "Deze aanvraag is toegekend. Een toekenning kan hier niet worden herzien;"
                        + " een bezwaar ertegen kan alleen ongegrond worden verklaard.");
            }
            return decided(tenant, evaluateAndGrant(tenant, a, actor, null, List.of(OBJECTION), record));
        }
        jdbc.inTransaction(c -> {
            int n = Jdbc.update(c, "update appreciation_application set status = ?, decided_at = ?, decided_by = ?,"
                    + " version = version + 1 where tenant = ? and id = ? and status = ?", open.againstStatus(), now,
                    actor, tenant, id, OBJECTION);
            if (n == 0) {
                throw ProblemException.conflict("Deze aanvraag is zojuist door iemand anders gewijzigd.");
            }
            record.run(c);
            return null;
        });
        return decided(tenant, find(tenant, id).orElseThrow());
    }

    /** The application's objections, oldest first. */
    public List<Objection> objections(String tenant, String id) {
        return jdbc.query("select * from appreciation_objection where tenant = ? and application_id = ?"
                + " order by registered_at, id", rs -> new Objection(rs.getString("id"), rs.getString("application_id"),
                        rs.getObject("received_on", LocalDate.class), rs.getObject("deadline", LocalDate.class),
                        rs.getBoolean("in_time"), rs.getString("grounds"), rs.getString("against_status"),
                        Jdbc.instant(rs, "registered_at"), rs.getString("registered_by"), rs.getString("outcome"),
                        rs.getString("motivation"), Jdbc.instant(rs, "decided_at"), rs.getString("decided_by"),
                        rs.getString("letter_id")), tenant, id);
    }

    // ------------------------------------------------------------------------------------------------ issue 19 (A2)

    /** The module's messages; field-injected so that this block merges apart from the rest. */
    @Reference
    private volatile nl.mantelkring.appreciation.internal.messages.AppreciationMessages messages;

    /**
     * "Aanvraag ontvangen" for a stored application (both intake channels go through {@link #apply}), in the
     * request's transaction. Unit tests construct applications without messages.
     */
    private Stored received(String tenant, Stored stored) {
        var m = messages;
        if (m != null) {
            m.received(tenant, stored);
        }
        return stored;
    }
}
