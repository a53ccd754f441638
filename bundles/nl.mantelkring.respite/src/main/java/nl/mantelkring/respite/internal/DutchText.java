package nl.mantelkring.respite.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Dutch text for search: folds case and diacritics ({@code ë} → {@code e}), splits on anything but letters and
 * digits, and strips common inflection (plural {@code -en}/{@code -s}, diminutive {@code -(t)je(s)}) so that
 * {@code ouderen} finds {@code oudere} and {@code huisjes} finds {@code huis}. Stemming only removes suffixes, so a
 * stem is always a prefix of its word, which keeps prefix search (search-as-you-type) sound.
 */
final class DutchText {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SEPARATORS = Pattern.compile("[^a-z0-9]+");
    static final Set<String> STOP_WORDS = Set.of("de", "het", "een", "en", "van", "voor", "in", "op", "met", "te",
            "bij", "aan", "of", "om", "tot", "die", "dat", "is", "er", "als", "naar", "ook", "u", "uw", "je", "we");

    private DutchText() {
    }

    /** Lower case without diacritics. */
    static String fold(String text) {
        String d = Normalizer.normalize(text, Normalizer.Form.NFD);
        return MARKS.matcher(d).replaceAll("").toLowerCase(Locale.ROOT);
    }

    /** The stems of the words in the text, stop words left out, in order (duplicates kept). */
    static List<String> stems(String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String w : SEPARATORS.split(fold(text))) {
            if (!w.isEmpty() && !STOP_WORDS.contains(w)) {
                out.add(stem(w));
            }
        }
        return out;
    }

    /** A light Dutch stemmer (suffix stripping only). */
    static String stem(String w) {
        String s = w;
        if (s.length() > 6 && (s.endsWith("tjes") || s.endsWith("tje"))) {
            s = s.substring(0, s.lastIndexOf("tje"));
        } else if (s.length() > 5 && (s.endsWith("jes") || s.endsWith("je"))) {
            s = s.substring(0, s.lastIndexOf("je"));
        } else if (s.length() > 4 && s.endsWith("en")) {
            s = s.substring(0, s.length() - 2);
            if (s.length() > 2 && s.charAt(s.length() - 1) == s.charAt(s.length() - 2)
                    && "aeiou".indexOf(s.charAt(s.length() - 1)) < 0) {
                s = s.substring(0, s.length() - 1);          // bedden -> bed
            }
        } else if (s.length() > 4 && s.endsWith("s") && !s.endsWith("ss")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
