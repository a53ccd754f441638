package nl.mantelkring.platform.internal.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import nl.mantelkring.platform.api.FieldViolation;

/**
 * The body of an {@code application/problem+json} response (RFC 9457). A class of its own, so that the JSON writer
 * never confuses it with a resource method's declared return type.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance", "invalidParams"})
public final class ProblemBody {

    private final String type;
    private final String title;
    private final int status;
    private final String detail;
    private final String instance;
    private final List<FieldViolation> invalidParams;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    public ProblemBody(int status, String type, String title, String detail, List<FieldViolation> invalidParams,
                       String instance) {
        this.status = status;
        this.type = type;
        this.title = title;
        this.detail = detail;
        this.instance = instance;
        this.invalidParams = invalidParams == null ? List.of() : List.copyOf(invalidParams);
    }

    /** Adds an extension member (RFC 9457 section 3.2), e.g. the checks of a readiness failure. */
    public ProblemBody with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    public String getType() {
        return type;
    }

    public String getTitle() {
        return title;
    }

    public int getStatus() {
        return status;
    }

    public String getDetail() {
        return detail;
    }

    public String getInstance() {
        return instance;
    }

    public List<FieldViolation> getInvalidParams() {
        return invalidParams;
    }

    @JsonAnyGetter
    public Map<String, Object> extensions() {
        return extensions;
    }
}
