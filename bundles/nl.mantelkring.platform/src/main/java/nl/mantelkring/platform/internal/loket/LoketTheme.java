package nl.mantelkring.platform.internal.loket;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.policy.PolicyStore;
import nl.mantelkring.platform.api.policy.PolicyValidator;

/**
 * The municipality's own look of its loket, tenant policy {@value #KEY} (every year): a logo (PNG or SVG, Base64, at
 * most 100 KB, with its Dutch text alternative) and NL Design System design tokens (CSS custom properties such as
 * {@code --utrecht-button-primary-action-background-color}) that override the default theme. Without the key the
 * loket uses the default theme and the municipality's name. Token values are restricted to what a colour, length or
 * font name needs (no {@code url()}, quotes, semicolons or braces), so a value cannot escape its declaration.
 */
@Component(service = {LoketTheme.class, PolicyValidator.class}, property = PolicyValidator.KEY + "=" + LoketTheme.KEY)
public class LoketTheme implements PolicyValidator {

    public static final String KEY = "loket.thema";
    static final int MAX_LOGO_BYTES = 100 * 1024;
    static final int MAX_TOKENS = 200;
    private static final Pattern TOKEN_NAME = Pattern.compile("--[a-z][a-z0-9-]{0,99}");
    private static final Pattern TOKEN_VALUE = Pattern.compile("[#A-Za-z0-9 .,%()+\\-/]{1,100}");
    private static final List<String> LOGO_TYPES = List.of("image/png", "image/svg+xml");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The policy value. */
    public record Theme(@JsonProperty("logo") Logo logo, @JsonProperty("tokens") Map<String, String> tokens) {
    }

    /** The logo: media type, Base64 data and the text alternative. */
    public record Logo(@JsonProperty("type") String type, @JsonProperty("data") String data,
                       @JsonProperty("alt") String alt) {
    }

    private final PolicyStore policy;

    @Activate
    public LoketTheme(@Reference PolicyStore policy) {
        this.policy = policy;
    }

    /** The tenant's theme in force, or empty (the default theme). A value that no longer parses counts as none. */
    public Optional<Theme> of(String tenant) {
        int year = LocalDate.now(ZoneId.of("Europe/Amsterdam")).getYear();
        return policy.current(tenant, KEY, year).flatMap(v -> {
            try {
                Theme t = JSON.readValue(v.value(), Theme.class);
                return check(t).isEmpty() ? Optional.of(t) : Optional.empty();
            } catch (JsonProcessingException e) {
                return Optional.empty();
            }
        });
    }

    /** The design tokens as a style sheet for the loket's root element (empty when there are none). */
    public static String css(Theme theme) {
        if (theme == null || theme.tokens() == null || theme.tokens().isEmpty()) {
            return "";
        }
        StringBuilder css = new StringBuilder(".loket-thema {\n");
        theme.tokens().forEach((name, value) -> css.append("  ").append(name).append(": ").append(value).append(";\n"));
        return css.append("}\n").toString();
    }

    /** The logo's bytes, or null. */
    public static byte[] logoBytes(Theme theme) {
        return theme == null || theme.logo() == null ? null : Base64.getDecoder().decode(theme.logo().data());
    }

    @Override
    public List<FieldViolation> validate(String tenant, String key, Integer year, String value) {
        try {
            return check(JSON.readValue(value, Theme.class));
        } catch (JsonProcessingException e) {
            return List.of(new FieldViolation("", "Geen geldig thema: verwacht een object met 'logo' en/of 'tokens'"
                    + " (onbekende velden zijn niet toegestaan)."));
        }
    }

    static List<FieldViolation> check(Theme t) {
        List<FieldViolation> problems = new ArrayList<>();
        if (t == null) {
            problems.add(new FieldViolation("", "Het thema ontbreekt."));
            return problems;
        }
        if (t.logo() != null) {
            Logo l = t.logo();
            if (l.type() == null || !LOGO_TYPES.contains(l.type())) {
                problems.add(new FieldViolation("logo.type", "Het logo moet image/png of image/svg+xml zijn."));
            }
            if (l.alt() == null || l.alt().isBlank() || l.alt().length() > 200) {
                problems.add(new FieldViolation("logo.alt",
                        "Geef een tekstalternatief voor het logo (1 tot 200 tekens), bijvoorbeeld 'Gemeente Amsterdam'."));
            }
            byte[] bytes = null;
            try {
                bytes = l.data() == null ? null : Base64.getDecoder().decode(l.data());
            } catch (IllegalArgumentException e) {
                problems.add(new FieldViolation("logo.data", "Het logo is geen geldige Base64."));
            }
            if (l.data() == null) {
                problems.add(new FieldViolation("logo.data", "Het logo ontbreekt (Base64)."));
            } else if (bytes != null && (bytes.length == 0 || bytes.length > MAX_LOGO_BYTES)) {
                problems.add(new FieldViolation("logo.data", "Het logo mag hoogstens 100 kB zijn."));
            } else if (bytes != null && LOGO_TYPES.contains(l.type()) && !looksLike(l.type(), bytes)) {
                problems.add(new FieldViolation("logo.data", "De inhoud van het logo past niet bij het type."));
            }
        }
        if (t.tokens() != null) {
            if (t.tokens().size() > MAX_TOKENS) {
                problems.add(new FieldViolation("tokens", "Hoogstens " + MAX_TOKENS + " design tokens."));
            }
            Map<String, String> tokens = new LinkedHashMap<>(t.tokens());
            tokens.forEach((name, value) -> {
                if (!TOKEN_NAME.matcher(name).matches()) {
                    problems.add(new FieldViolation("tokens." + name,
                            "Een design token heet als een CSS-variabele: '--' gevolgd door kleine letters, cijfers en '-'."));
                } else if (value == null || !TOKEN_VALUE.matcher(value).matches()) {
                    problems.add(new FieldViolation("tokens." + name, "De waarde mag alleen een kleur, maat of"
                            + " lettertype zijn (letters, cijfers, spaties en # . , % ( ) + - /; hoogstens 100 tekens)."));
                }
            });
        }
        return problems;
    }

    private static boolean looksLike(String type, byte[] b) {
        if ("image/png".equals(type)) {
            return b.length > 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
        }
        if ("image/svg+xml".equals(type)) {
            String head = new String(b, 0, Math.min(b.length, 512), java.nio.charset.StandardCharsets.UTF_8);
            return head.contains("<svg");
        }
        return false;
    }
}
