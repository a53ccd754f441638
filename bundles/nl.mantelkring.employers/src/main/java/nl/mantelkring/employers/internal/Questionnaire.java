package nl.mantelkring.employers.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The employer self-scan questionnaire (tenant policy {@code werkgevers.zelfscan}; the default in Dutch is
 * {@code /defaults/zelfscan.json}): themes of questions, each with a tip, and an answer scale of named points.
 */
record Questionnaire(String version, Map<String, Integer> scale, List<Theme> themes) {

    record Question(String code, String text, String tip) {
    }

    record Theme(String code, String name, List<Question> questions) {
    }

    /** The result of one scan: score 0-100 per theme and the tips for the questions not fully met. */
    record Outcome(Map<String, Integer> scores, Map<String, List<String>> tips, int total) {
    }

    int maxPoints() {
        return scale.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /** Scores complete, valid answers (question code to scale name); throws 400 naming {@code antwoorden.<code>}. */
    Outcome score(Map<String, String> answers) {
        Checks c = new Checks();
        Map<String, String> given = answers == null ? Map.of() : answers;
        Set<String> known = new HashSet<>();
        for (Theme t : themes) {
            for (Question q : t.questions()) {
                known.add(q.code());
                String a = given.get(q.code());
                if (a == null) {
                    c.add("antwoorden." + q.code(), "Beantwoord deze vraag (" + String.join(", ", scale.keySet()) + ").");
                } else if (!scale.containsKey(a)) {
                    c.add("antwoorden." + q.code(), "Kies uit " + String.join(", ", scale.keySet()) + ".");
                }
            }
        }
        given.keySet().stream().filter(k -> !known.contains(k)).sorted()
                .forEach(k -> c.add("antwoorden." + k, "Deze vraag staat niet in vragenlijst " + version + "."));
        c.throwIfAny();
        int max = maxPoints();
        Map<String, Integer> scores = new LinkedHashMap<>();
        Map<String, List<String>> tips = new LinkedHashMap<>();
        int sum = 0;
        int all = 0;
        for (Theme t : themes) {
            int points = 0;
            List<String> themeTips = new ArrayList<>();
            for (Question q : t.questions()) {
                int p = scale.get(given.get(q.code()));
                points += p;
                if (p < max) {
                    themeTips.add(q.tip());
                }
            }
            int possible = max * t.questions().size();
            scores.put(t.code(), percentage(points, possible));
            tips.put(t.code(), List.copyOf(themeTips));
            sum += points;
            all += possible;
        }
        return new Outcome(scores, tips, percentage(sum, all));
    }

    private static int percentage(int points, int possible) {
        return possible == 0 ? 0 : Math.round(100f * points / possible);
    }

    /** Parses and checks a questionnaire; {@link IllegalArgumentException} (in Dutch) names what is wrong. */
    static Questionnaire parse(JsonNode root) {
        String version = root.path("versie").asText("");
        if (version.isBlank() || version.length() > 50) {
            throw new IllegalArgumentException("'versie' is verplicht (hoogstens 50 tekens).");
        }
        Map<String, Integer> scale = new LinkedHashMap<>();
        root.path("antwoordschaal").fields().forEachRemaining(e -> {
            if (!e.getValue().isInt() || e.getValue().asInt() < 0) {
                throw new IllegalArgumentException("'antwoordschaal' kent elk antwoord een geheel getal >= 0 toe.");
            }
            scale.put(e.getKey(), e.getValue().asInt());
        });
        if (scale.size() < 2) {
            throw new IllegalArgumentException("'antwoordschaal' heeft ten minste twee antwoorden.");
        }
        List<Theme> themes = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        for (JsonNode t : root.path("themas")) {
            List<Question> questions = new ArrayList<>();
            for (JsonNode q : t.path("vragen")) {
                String code = required(q, "code");
                if (!codes.add(code)) {
                    throw new IllegalArgumentException("Vraagcode '" + code + "' komt twee keer voor.");
                }
                questions.add(new Question(code, required(q, "tekst"), required(q, "tip")));
            }
            if (questions.isEmpty()) {
                throw new IllegalArgumentException("Elk thema heeft ten minste één vraag.");
            }
            themes.add(new Theme(required(t, "code"), required(t, "naam"), List.copyOf(questions)));
        }
        if (themes.isEmpty()) {
            throw new IllegalArgumentException("'themas' moet een niet-lege lijst zijn.");
        }
        return new Questionnaire(version, java.util.Collections.unmodifiableMap(scale), List.copyOf(themes));
    }

    private static String required(JsonNode n, String field) {
        String v = n.path(field).asText("");
        if (v.isBlank()) {
            throw new IllegalArgumentException("'" + field + "' ontbreekt in de vragenlijst.");
        }
        return v;
    }
}
