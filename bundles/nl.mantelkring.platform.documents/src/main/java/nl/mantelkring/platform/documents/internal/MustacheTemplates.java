package nl.mantelkring.platform.documents.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.MustacheParseException;
import com.samskivert.mustache.Template;

import org.osgi.service.component.annotations.Component;

import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.documents.Templates;

/**
 * {@link Templates} with jmustache (com.samskivert:jmustache): logic-less Mustache, an OSGi bundle without
 * dependencies, compiled templates are immutable and thread-safe.
 * <p>
 * Choices: a name the model does not have (or whose value is null) renders as the empty string, and a section over
 * such a name renders nothing: rendering never fails on data. {@link #check} is what refuses names a module does not
 * offer, when the template is saved. Partials ({@code {{>x}}}) and template inheritance ({@code {{<x}}},
 * {@code {{$x}}}) are refused by {@code check} and render as nothing (no loader is configured). The names
 * {@code .}/{@code this} and jmustache's {@code -first}, {@code -last} and {@code -index} are always allowed (inside
 * a section over a list). Compiled templates are cached by their text (bounded).
 */
@Component(service = Templates.class)
public class MustacheTemplates implements Templates {

    static final int CACHE_SIZE = 512;
    private static final java.util.regex.Pattern LINE = java.util.regex.Pattern.compile("line (\\d+)");
    private static final Set<String> ALWAYS = Set.of(".", "this", "-first", "-last", "-index");

    private static final Mustache.Compiler HTML = Mustache.compiler().defaultValue("").escapeHTML(true)
            .withLoader(name -> new java.io.StringReader(""));
    private static final Mustache.Compiler TEXT = HTML.escapeHTML(false);
    private static final Mustache.Compiler STRICT = Mustache.compiler();

    private final Map<String, Template> html = new ConcurrentHashMap<>();
    private final Map<String, Template> text = new ConcurrentHashMap<>();

    @Override
    public List<FieldViolation> check(String field, String template, Set<String> allowed) {
        List<FieldViolation> problems = new ArrayList<>();
        if (template == null) {
            problems.add(new FieldViolation(field, "De tekst ontbreekt."));
            return problems;
        }
        Template compiled;
        try {
            compiled = STRICT.compile(template);
        } catch (MustacheException e) {
            problems.add(new FieldViolation(field, syntax(e)));
            return problems;
        }
        Set<String> unknown = new LinkedHashSet<>();
        Set<String> refused = new LinkedHashSet<>();
        compiled.visit(new Mustache.Visitor() {
            @Override
            public void visitText(String text) {
            }

            @Override
            public void visitVariable(String name) {
                if (!known(name, allowed)) {
                    unknown.add("{{" + name + "}}");
                }
            }

            @Override
            public boolean visitSection(String name) {
                if (!known(name, allowed)) {
                    unknown.add("{{#" + name + "}}");
                }
                return true;
            }

            @Override
            public boolean visitInvertedSection(String name) {
                if (!known(name, allowed)) {
                    unknown.add("{{^" + name + "}}");
                }
                return true;
            }

            @Override
            public boolean visitInclude(String name) {
                refused.add("{{>" + name + "}}");
                return false;
            }

            @Override
            public boolean visitParent(String name) {
                refused.add("{{<" + name + "}}");
                return false;
            }

            @Override
            public boolean visitBlock(String name) {
                refused.add("{{$" + name + "}}");
                return false;
            }
        });
        String offer = allowed.isEmpty() ? " Deze tekst heeft geen invulplekken."
                : " Gebruik een van: " + String.join(", ", new TreeSet<>(allowed)) + ".";
        for (String name : unknown) {
            problems.add(new FieldViolation(field, "Onbekende invulplek " + name + "." + offer));
        }
        for (String name : refused) {
            problems.add(new FieldViolation(field, "Deelsjablonen zoals " + name + " zijn niet toegestaan."));
        }
        return problems;
    }

    @Override
    public String renderText(String template, Map<String, ?> model) {
        return compiled(text, TEXT, template).execute(model);
    }

    @Override
    public String renderHtml(String template, Map<String, ?> model) {
        return compiled(html, HTML, template).execute(model);
    }

    private static boolean known(String name, Set<String> allowed) {
        return ALWAYS.contains(name) || allowed.contains(name);
    }

    private static Template compiled(Map<String, Template> cache, Mustache.Compiler compiler, String template) {
        Template t = cache.get(template);
        if (t == null) {
            t = compiler.compile(template);
            if (cache.size() >= CACHE_SIZE) {
                cache.clear(); // templates are policy: few and stable; a full cache means churn, start again
            }
            cache.put(template, t);
        }
        return t;
    }

    /** A Dutch reason for a syntax error, with the line jmustache reports (never the template's values). */
    private static String syntax(MustacheException e) {
        String reason = "De tekst is geen geldig sjabloon";
        String m = e.getMessage() == null ? "" : e.getMessage();
        java.util.regex.Matcher line = LINE.matcher(m);
        if (e instanceof MustacheParseException && line.find()) {
            reason += " (regel " + line.group(1) + ")";
        }
        if (m.contains("Section close tag with mismatched open tag")) {
            reason += ": een sectie wordt afgesloten met een andere naam dan waarmee ze begint";
        } else if (m.contains("Section close tag with no open tag")) {
            reason += ": een sectie wordt afgesloten ({{/...}}) zonder dat ze begint";
        } else if (m.contains("missing close tag")) {
            reason += ": een sectie of invulplek wordt niet afgesloten";
        } else if (m.contains("Invalid delimiter")) {
            reason += ": ongeldige scheidingstekens";
        } else if (m.contains("Invalid tag name")) {
            reason += ": een invulplek loopt over meer dan een regel";
        }
        return reason + ". Een invulplek schrijf je als {{naam}}, een sectie als {{#naam}}...{{/naam}}.";
    }
}
