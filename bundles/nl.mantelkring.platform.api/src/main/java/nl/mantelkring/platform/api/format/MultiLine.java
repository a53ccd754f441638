package nl.mantelkring.platform.api.format;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a text property of a request body as free text (a description, remark or explanation): it may hold tabs
 * and line breaks ({@link Text#isMultiLine(String)}). Every other text property is single-line
 * ({@link Text#isSingleLine(String)}). On a list or map of texts it applies to the elements. Put it on the record
 * component (or field, setter, creator parameter) next to {@code @JsonProperty}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface MultiLine {
}
