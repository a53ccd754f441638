package nl.mantelkring.platform.api.documents;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

import nl.mantelkring.platform.api.FieldViolation;

/**
 * Logic-less templates (Mustache: {@code {{naam}}}, sections {@code {{#gronden}}...{{/gronden}}}, inverted sections
 * {@code {{^x}}...{{/x}}}; no partials, no lambdas). A module keeps its templates as tenant policy, checks them when
 * they are saved with {@link #check} and renders them with a model of plain values, lists and maps.
 */
@ProviderType
public interface Templates {

    /**
     * The problems of a template: a syntax error, and every placeholder or section name that is not in
     * {@code allowed}, each naming it (e.g. "Onbekende invulplek {{bedragg}}."). Names inside a section are checked
     * against {@code allowed} too (the set is flat: list the names used inside sections as well). An empty list
     * when the template can be used.
     *
     * @param field the field name to report the problems under (e.g. {@code besluit.tekst})
     */
    List<FieldViolation> check(String field, String template, Set<String> allowed);

    /** Renders as plain text (e-mail bodies, subjects): values are inserted as they are. */
    String renderText(String template, Map<String, ?> model);

    /** Renders as an HTML fragment (letter bodies): values are HTML-escaped. */
    String renderHtml(String template, Map<String, ?> model);
}
