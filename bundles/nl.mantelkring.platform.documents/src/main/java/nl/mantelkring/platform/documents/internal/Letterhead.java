package nl.mantelkring.platform.documents.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.ProblemException;

/**
 * The municipality's letterhead, tenant policy {@value #KEY} (platform-owned; every year or per year, the letter's
 * date chooses):
 * <pre>{"gemeentenaam": "Gemeente Amsterdam", "afdeling": "Zorg en Welzijn",
 *  "postadres": ["Postbus 202", "1000 AE Amsterdam"], "telefoon": "14 020", "website": "www.amsterdam.nl",
 *  "email": "mantelzorg@amsterdam.nl", "ondertekening": {"naam": "J. de Vries", "functie": "teamleider Zorg"}}</pre>
 * Only {@code gemeentenaam} is required; what is missing is left out of the letter. Without the policy a letter
 * carries {@link #FALLBACK}: "Gemeente", no footer, and the college of mayor and aldermen as signatory. A stored
 * value that is no longer usable is reported (503 {@code beleid-onbruikbaar}), never replaced by the fallback.
 */
public record Letterhead(@JsonProperty("gemeentenaam") String gemeentenaam, @JsonProperty("afdeling") String afdeling,
                         @JsonProperty("postadres") List<String> postadres, @JsonProperty("telefoon") String telefoon,
                         @JsonProperty("website") String website, @JsonProperty("email") String email,
                         @JsonProperty("ondertekening") Signature ondertekening) {

    public static final String KEY = "brieven.briefhoofd";

    /** The signatory. */
    public record Signature(@JsonProperty("naam") String naam, @JsonProperty("functie") String functie) {
    }

    /** The letterhead of a municipality that has not set the policy. */
    public static final Letterhead FALLBACK = new Letterhead("Gemeente", null, List.of(), null, null, null,
            new Signature("Het college van burgemeester en wethouders", null));

    static final int MAX_LINE = 80;
    static final int MAX_ADDRESS_LINES = 4;
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()-]{1,24}");
    private static final Pattern WEBSITE = Pattern.compile("(https://)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(/[A-Za-z0-9._~/-]*)?");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public Letterhead {
        postadres = postadres == null ? List.of() : List.copyOf(postadres);
    }

    /**
     * Parses a stored value. A value that does not parse or has problems (saved before a rule was added) is a
     * configuration error for the administrator, not a reason to fall back silently: 503 {@code beleid-onbruikbaar}.
     */
    static Letterhead parse(String json) {
        List<FieldViolation> problems = validate(json);
        if (!problems.isEmpty()) {
            FieldViolation first = problems.get(0);
            throw ProblemException.unusablePolicy(KEY, (first.field().isEmpty() ? "" : first.field() + ": ")
                    + first.reason().replaceAll("\\.$", ""));
        }
        try {
            return JSON.readValue(json, Letterhead.class);
        } catch (JsonProcessingException e) {
            throw ProblemException.unusablePolicy(KEY, "geen geldige JSON");
        }
    }

    /** The problems of a value as the administrator sends it. */
    static List<FieldViolation> validate(String json) {
        Letterhead l;
        try {
            l = JSON.readValue(json, Letterhead.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return List.of(new FieldViolation("", "Geen geldig briefhoofd: verwacht een object met gemeentenaam,"
                    + " afdeling, postadres (regels), telefoon, website, email en ondertekening (naam, functie);"
                    + " andere velden zijn niet toegestaan."));
        }
        if (l == null) {
            return List.of(new FieldViolation("", "Het briefhoofd ontbreekt."));
        }
        return check(l);
    }

    static List<FieldViolation> check(Letterhead l) {
        List<FieldViolation> problems = new ArrayList<>();
        if (blank(l.gemeentenaam())) {
            problems.add(new FieldViolation("gemeentenaam",
                    "Vul de naam van de gemeente in zoals die boven de brief staat, bijvoorbeeld 'Gemeente Utrecht'."));
        } else {
            line(problems, "gemeentenaam", l.gemeentenaam());
        }
        line(problems, "afdeling", l.afdeling());
        if (l.postadres().size() > MAX_ADDRESS_LINES) {
            problems.add(new FieldViolation("postadres", "Het postadres heeft hoogstens " + MAX_ADDRESS_LINES
                    + " regels."));
        }
        for (int i = 0; i < l.postadres().size(); i++) {
            String s = l.postadres().get(i);
            if (blank(s)) {
                problems.add(new FieldViolation("postadres." + i, "Een regel van het postadres is leeg."));
            } else {
                line(problems, "postadres." + i, s);
            }
        }
        if (l.telefoon() != null && !PHONE.matcher(l.telefoon()).matches()) {
            problems.add(new FieldViolation("telefoon",
                    "Een telefoonnummer bestaat uit cijfers, spaties, haakjes en streepjes, bijvoorbeeld '14 030'."));
        }
        if (l.website() != null && (l.website().length() > MAX_LINE || !WEBSITE.matcher(l.website()).matches())) {
            problems.add(new FieldViolation("website",
                    "Geef het adres van de website, bijvoorbeeld 'www.utrecht.nl' (alleen https)."));
        }
        if (l.email() != null && (l.email().length() > MAX_LINE || !EMAIL.matcher(l.email()).matches())) {
            problems.add(new FieldViolation("email", "Geef een geldig e-mailadres, bijvoorbeeld 'info@utrecht.nl'."));
        }
        if (l.ondertekening() != null) {
            if (blank(l.ondertekening().naam())) {
                problems.add(new FieldViolation("ondertekening.naam",
                        "Vul de naam in van wie de brief ondertekent (of laat de ondertekening weg)."));
            } else {
                line(problems, "ondertekening.naam", l.ondertekening().naam());
            }
            line(problems, "ondertekening.functie", l.ondertekening().functie());
        }
        return problems;
    }

    private static void line(List<FieldViolation> problems, String field, String value) {
        if (value != null && (value.length() > MAX_LINE || value.chars().anyMatch(Character::isISOControl))) {
            problems.add(new FieldViolation(field, "Eén regel van hoogstens " + MAX_LINE + " tekens."));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
