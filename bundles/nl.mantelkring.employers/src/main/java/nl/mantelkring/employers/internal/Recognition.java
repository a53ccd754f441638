package nl.mantelkring.employers.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;

import nl.mantelkring.platform.api.format.MultiLine;

/** Recognition as a caregiver-friendly employer (erkenning mantelzorgvriendelijk): API shapes and rules. */
public final class Recognition {

    static final String INTERESTED = "geinteresseerd";
    static final String IN_PROGRESS = "in-behandeling";
    static final String RECOGNISED = "erkend";
    /** Not stored: a recognised recognition whose expiry date has come. */
    static final String EXPIRED = "verlopen";

    static final Set<String> SETTABLE = Set.of(INTERESTED, IN_PROGRESS, RECOGNISED);
    static final List<String> STATUSES = List.of(INTERESTED, IN_PROGRESS, RECOGNISED, EXPIRED);

    /** Measures in place. */
    static final Set<String> MEASURES = Set.of("flexibele-werktijden", "thuiswerken", "bovenwettelijk-verlof",
            "verlof-doneren", "schriftelijk-beleid", "mantelzorg-in-functioneringsgesprek");

    private Recognition() {
    }

    /** One criterion: met or not, and the evidence. */
    public record Criterion(@JsonProperty("voldaan") Boolean met, @JsonProperty("onderbouwing") String evidence) {
    }

    /** The three criteria of a caregiver-friendly employer. */
    public record Criteria(
            /* work and care can be discussed openly */
            @JsonProperty("bespreekbaarheid") Criterion openness,
            /* the leave rules are known and applied */
            @JsonProperty("verlofregelingen") Criterion leave,
            /* tailored solutions are sought together */
            @JsonProperty("maatwerk") Criterion tailored) {
    }

    public record Input(@JsonProperty("status") String status,
                        @JsonProperty("geinteresseerdOp") LocalDate interestedOn,
                        @JsonProperty("erkendOp") LocalDate recognisedOn,
                        @JsonProperty("criteria") Criteria criteria,
                        @JsonProperty("maatregelen") List<String> measures,
                        @MultiLine @JsonProperty("opmerkingen") String remarks) {
    }

    public record View(@JsonProperty("id") String id, @JsonProperty("werkgeverId") String employerId,
                       @JsonProperty("werkgeverNaam") String employerName,
                       @JsonProperty("status") String status,
                       @JsonProperty("geinteresseerdOp") LocalDate interestedOn,
                       @JsonProperty("erkendOp") LocalDate recognisedOn,
                       @JsonProperty("verlooptOp") LocalDate expiresOn,
                       @JsonProperty("criteria") Criteria criteria,
                       @JsonProperty("maatregelen") List<String> measures,
                       @JsonProperty("opmerkingen") String remarks,
                       @JsonProperty("aangemaaktOp") Instant createdAt,
                       @JsonProperty("gewijzigdOp") Instant updatedAt) {
    }

    /**
     * Validates and normalises an input against the day it is handled: a recognition needs all three criteria met,
     * each with evidence, and a recognition date that is neither in the future nor before the interest.
     */
    static Input validate(Input in, LocalDate today) {
        Checks.body(in, "status");
        Checks c = new Checks();
        String status = in.status() == null ? INTERESTED : in.status();
        if (EXPIRED.equals(status)) {
            c.add("status", "'verlopen' volgt uit de verloopdatum en kan niet worden gezet.");
        } else {
            c.code("status", status, SETTABLE, false);
        }
        LocalDate interested = in.interestedOn() == null ? today : in.interestedOn();
        if (interested.isAfter(today)) {
            c.add("geinteresseerdOp", "Mag niet in de toekomst liggen.");
        }
        Criteria cr = in.criteria() == null ? new Criteria(null, null, null) : in.criteria();
        Criterion openness = criterion(c, "criteria.bespreekbaarheid", cr.openness());
        Criterion leave = criterion(c, "criteria.verlofregelingen", cr.leave());
        Criterion tailored = criterion(c, "criteria.maatwerk", cr.tailored());
        LocalDate recognised = in.recognisedOn();
        if (RECOGNISED.equals(status)) {
            requireMet(c, "criteria.bespreekbaarheid", openness);
            requireMet(c, "criteria.verlofregelingen", leave);
            requireMet(c, "criteria.maatwerk", tailored);
            if (recognised == null) {
                recognised = today;
            }
            if (recognised.isAfter(today)) {
                c.add("erkendOp", "Mag niet in de toekomst liggen.");
            } else if (recognised.isBefore(interested)) {
                c.add("erkendOp", "Mag niet voor 'geinteresseerdOp' liggen.");
            }
        } else if (recognised != null) {
            c.add("erkendOp", "Alleen bij status 'erkend'.");
        }
        List<String> measures = in.measures() == null ? List.of() : in.measures();
        for (int i = 0; i < measures.size(); i++) {
            c.code("maatregelen." + i, measures.get(i), MEASURES, true);
        }
        if (measures.stream().distinct().count() != measures.size()) {
            c.add("maatregelen", "Noem elke maatregel één keer.");
        }
        String remarks = c.text("opmerkingen", in.remarks(), 2000, false);
        c.throwIfAny();
        return new Input(status, interested, recognised, new Criteria(openness, leave, tailored),
                measures.stream().sorted().toList(), remarks);
    }

    private static Criterion criterion(Checks c, String field, Criterion in) {
        if (in == null) {
            return new Criterion(false, null);
        }
        boolean met = Boolean.TRUE.equals(in.met());
        String evidence = c.text(field + ".onderbouwing", in.evidence(), 2000, false);
        if (met && evidence == null) {
            c.add(field + ".onderbouwing", "Onderbouw waarom aan dit criterium is voldaan.");
        }
        return new Criterion(met, evidence);
    }

    private static void requireMet(Checks c, String field, Criterion cr) {
        if (!cr.met()) {
            c.add(field + ".voldaan", "Voor een erkenning moet aan dit criterium zijn voldaan.");
        }
    }

    /** The status as shown: a recognition whose expiry date has come is expired. */
    static String effectiveStatus(String stored, LocalDate expiresOn, LocalDate today) {
        return RECOGNISED.equals(stored) && expiresOn != null && !expiresOn.isAfter(today) ? EXPIRED : stored;
    }
}
