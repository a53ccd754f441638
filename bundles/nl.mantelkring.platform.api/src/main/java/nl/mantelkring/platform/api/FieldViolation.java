package nl.mantelkring.platform.api;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One offending input field of a validation error.
 *
 * @param field  the field's name as the client sent it (JSON pointer style for nested fields: {@code adres.postcode})
 * @param reason a Dutch message a user understands
 */
public record FieldViolation(@JsonProperty("name") String field, @JsonProperty("reason") String reason) {
    public FieldViolation {
        Objects.requireNonNull(field);
        Objects.requireNonNull(reason);
    }
}
