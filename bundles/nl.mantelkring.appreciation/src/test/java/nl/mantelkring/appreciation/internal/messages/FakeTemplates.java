package nl.mantelkring.appreciation.internal.messages;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.documents.Templates;

/**
 * A small stand-in for the platform's Mustache templates (helper P's bundle) in unit tests: variables and
 * (inverted) sections, enough for plain-text messages. The ITs use the real one.
 */
public final class FakeTemplates implements Templates {

    private static final Pattern TAG = Pattern.compile("\\{\\{([#^/&]?)\\s*([A-Za-z0-9_.-]+)\\s*}}");

    @Override
    public List<FieldViolation> check(String field, String template, Set<String> allowed) {
        List<FieldViolation> out = new ArrayList<>();
        Matcher m = TAG.matcher(template);
        while (m.find()) {
            if (!"/".equals(m.group(1)) && !allowed.contains(m.group(2))) {
                out.add(new FieldViolation(field, "Onbekende invulplek {{" + m.group(2) + "}}."));
            }
        }
        return out;
    }

    @Override
    public String renderText(String template, Map<String, ?> model) {
        String s = template;
        for (Map.Entry<String, ?> e : model.entrySet()) {
            Object v = e.getValue();
            boolean truthy = v != null && !Boolean.FALSE.equals(v) && !(v instanceof Collection<?> c && c.isEmpty());
            String name = Pattern.quote(e.getKey());
            s = s.replaceAll("(?s)\\{\\{#" + name + "}}(.*?)\\{\\{/" + name + "}}", truthy ? "$1" : "");
            s = s.replaceAll("(?s)\\{\\{\\^" + name + "}}(.*?)\\{\\{/" + name + "}}", truthy ? "" : "$1");
            s = s.replace("{{" + e.getKey() + "}}", v == null ? "" : Matcher.quoteReplacement(String.valueOf(v))
                    .replace("\\", ""));
        }
        return s.replaceAll("(?s)\\{\\{#([A-Za-z0-9_.-]+)}}.*?\\{\\{/\\1}}", "").replaceAll("\\{\\{[^}]*}}", "");
    }

    @Override
    public String renderHtml(String template, Map<String, ?> model) {
        return renderText(template, model);
    }
}
