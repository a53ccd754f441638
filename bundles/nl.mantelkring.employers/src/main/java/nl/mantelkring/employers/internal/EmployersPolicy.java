package nl.mantelkring.employers.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.Problems;
import nl.mantelkring.platform.api.policy.PolicyStore;

/**
 * The module's tenant policy keys, their defaults (shipped as JSON resources in this bundle) and shape checks. An
 * unusable policy value is a configuration error reported as 503 {@code beleid-onbruikbaar}, never silently replaced
 * by the default.
 */
@Component(service = EmployersPolicy.class)
public class EmployersPolicy {

    /** {@code {"geldigheidMaanden": 36}}: how long a recognition is valid. */
    static final String RECOGNITION = "werkgevers.erkenning";
    /** The self-scan questionnaire; default {@code /defaults/zelfscan.json}. */
    static final String SELF_SCAN = "werkgevers.zelfscan";
    /** The Wazo leave rules and minimum wage table; default {@code /defaults/zorgverlofregels.json}. */
    static final String LEAVE_RULES = "werkgevers.zorgverlofregels";

    /** {@code {"contactpersonenMaanden": 36}}: months after an employer's last change that its contact persons are kept. */
    static final String RETENTION = "werkgevers.bewaartermijn";

    static final int DEFAULT_VALIDITY_MONTHS = 36;
    static final int DEFAULT_CONTACT_RETENTION_MONTHS = 36;

    static final ObjectMapper JSON = new ObjectMapper();

    private final PolicyStore policy;

    @Activate
    public EmployersPolicy(@Reference PolicyStore policy) {
        this.policy = policy;
    }

    /** Months a recognition granted in that year stays valid. */
    int recognitionValidityMonths(String tenant, int year) {
        return months(tenant, RECOGNITION, "geldigheidMaanden", 120, DEFAULT_VALIDITY_MONTHS, year);
    }

    /** Months after an employer's last change (and of its recognitions) that its contact persons are kept. */
    int contactRetentionMonths(String tenant, int year) {
        return months(tenant, RETENTION, "contactpersonenMaanden", 240, DEFAULT_CONTACT_RETENTION_MONTHS, year);
    }

    /** A policy value {@code {"<field>": 1..max}}, or the default when the tenant has none. */
    private int months(String tenant, String key, String field, int max, int defaultValue, int year) {
        Optional<JsonNode> v = value(tenant, key, year);
        if (v.isEmpty()) {
            return defaultValue;
        }
        JsonNode m = v.get().get(field);
        if (m == null || !m.isIntegralNumber() || m.asInt() < 1 || m.asInt() > max) {
            throw invalid(key, "'" + field + "' moet een geheel getal van 1 tot " + max + " zijn.");
        }
        return m.asInt();
    }

    /** The self-scan questionnaire in force. */
    Questionnaire questionnaire(String tenant, int year) {
        return value(tenant, SELF_SCAN, year).map(v -> parse(SELF_SCAN, () -> Questionnaire.parse(v)))
                .orElseGet(() -> Questionnaire.parse(resource("/defaults/zelfscan.json")));
    }

    /** The leave rules: the tenant's own table if set, else the shipped one. */
    LeaveRules leaveRules(String tenant, int year) {
        return value(tenant, LEAVE_RULES, year).map(v -> parse(LEAVE_RULES, () -> LeaveRules.parse(v)))
                .orElseGet(LeaveRules::shipped);
    }

    private Optional<JsonNode> value(String tenant, String key, int year) {
        return policy.current(tenant, key, year).map(v -> {
            try {
                return JSON.readTree(v.value());
            } catch (IOException e) {
                throw invalid(key, "Geen geldige JSON.");
            }
        });
    }

    private static <T> T parse(String key, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw invalid(key, e.getMessage());
        }
    }

    static JsonNode resource(String name) {
        try (InputStream in = EmployersPolicy.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable resource " + name, e);
        }
    }

    static ProblemException invalid(String key, String why) {
        return ProblemException.unusablePolicy(key, why.endsWith(".") ? why.substring(0, why.length() - 1) : why);
    }
}
