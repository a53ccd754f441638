package nl.mantelkring.respite.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures import throughput and search latency; not a pass/fail test. Run with
 * {@code mvn -B -ntp -o -pl bundles/nl.mantelkring.respite test -Dtest=SearchBenchmark -Dbenchmark=true
 * -Dbenchmark.offerings=100000}. Offerings are imported as CSV in batches of 10,000 rows (H2 in memory), then a
 * mix of search-as-you-type queries (prefixes of words, filters, distance with sort) runs after a warm-up.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class SearchBenchmark {

    static final String[] WORDS = {"zorg", "dagopvang", "logeerhuis", "dementie", "ontmoeting", "tuin", "muziek",
        "wandelen", "koken", "rust", "vrijwilliger", "buurthuis", "zorgboerderij", "vakantie", "nacht", "oppas",
        "kinderen", "jongeren", "ouderen", "hersenletsel", "autisme", "creatief", "sport", "natuur", "samen"};
    static final String[] CITIES = {"Amsterdam", "Utrecht", "Zeist", "Amersfoort", "Hilversum", "Almere"};

    @Test
    void measure() {
        int n = Integer.getInteger("benchmark.offerings", 100_000);
        TestDatabase db = new TestDatabase();
        OfferingStore store = new OfferingStore(db);
        OfferingImporter importer = new OfferingImporter(store);
        Random rnd = new Random(42);
        long importNanos = 0;
        for (int start = 0; start < n; start += OfferingImporter.MAX_ROWS) {
            List<Map<String, String>> rows = new ArrayList<>();
            for (int i = start; i < Math.min(n, start + OfferingImporter.MAX_ROWS); i++) {
                rows.add(row(i, rnd));
            }
            long t = System.nanoTime();
            OfferingImporter.Report r = importer.importRecords("GM0363", rows, "benchmark");
            importNanos += System.nanoTime() - t;
            assertEquals(0, r.rejected());
        }
        System.out.printf("import: %d rows in %.1f s = %.0f rows/s%n", n, importNanos / 1e9, n / (importNanos / 1e9));
        SearchIndex index = new SearchIndex(store);
        long t = System.nanoTime();
        index.current();
        System.out.printf("index build from the database: %.2f s (%d stems)%n", (System.nanoTime() - t) / 1e9,
                index.current().dictionary.length);
        List<SearchQuery> queries = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String word = WORDS[rnd.nextInt(WORDS.length)];
            String typed = word.substring(0, Math.min(word.length(), 2 + rnd.nextInt(6)));
            String text = rnd.nextBoolean() ? typed : WORDS[rnd.nextInt(WORDS.length)] + " " + typed;
            queries.add(SearchQuery.parse(new SearchQuery.Raw(text,
                    rnd.nextInt(3) == 0 ? List.of(Vocabulary.KINDS.get(rnd.nextInt(8))) : null, null, null,
                    rnd.nextInt(2) == 0 ? List.of(Vocabulary.TARGET_GROUPS.get(rnd.nextInt(11))) : null, null, null,
                    null, null, null, null, null, null, null, "52.2", "5.0", rnd.nextBoolean() ? "25" : null,
                    rnd.nextBoolean() ? "afstand" : null, null, null, null)));
        }
        SearchIndex.Point p = new SearchIndex.Point(52.2, 5.0, null, false);
        for (int round = 0; round < 3; round++) {                           // warm-up
            for (SearchQuery q : queries) {
                index.search("GM0363", q, p);
            }
        }
        long[] ms = new long[queries.size()];
        long hits = 0;
        for (int i = 0; i < queries.size(); i++) {
            long s = System.nanoTime();
            hits += index.search("GM0363", queries.get(i), p).paging().total();
            ms[i] = System.nanoTime() - s;
        }
        Arrays.sort(ms);
        System.out.printf("search (%d offerings, %d queries, text+filters+distance, after 3 warm-up rounds):"
                + " p50 %.1f ms, p95 %.1f ms, max %.1f ms, mean hits %d%n", n, ms.length, ms[ms.length / 2] / 1e6,
                ms[(int) (ms.length * 0.95)] / 1e6, ms[ms.length - 1] / 1e6, hits / ms.length);
        long[] noText = new long[100];
        SearchQuery filterOnly = queries.get(0);
        for (int i = 0; i < noText.length; i++) {
            long s = System.nanoTime();
            index.search("GM0363", SearchQuery.parse(new SearchQuery.Raw(null, null, null, null, List.of("dementie"),
                    null, null, null, null, null, null, null, null, null, "52.2", "5.0", "25", "afstand", null, null,
                    null)), p);
            noText[i] = System.nanoTime() - s;
        }
        Arrays.sort(noText);
        System.out.printf("filter+distance only: p50 %.1f ms, p95 %.1f ms (%s)%n", noText[50] / 1e6, noText[95] / 1e6,
                filterOnly.sort());
        // one write, then the next search pays the incremental refresh
        OfferingImporter.Report one = importer.importRecords("GM0363", List.of(row(n + 1, rnd)), "benchmark");
        assertEquals(1, one.created());
        long s = System.nanoTime();
        index.search("GM0363", queries.get(1), p);
        System.out.printf("first search after one write (incremental refresh): %.1f ms%n", (System.nanoTime() - s) / 1e6);
    }

    static Map<String, String> row(int i, Random rnd) {
        Map<String, String> r = new HashMap<>();
        r.put("externId", "b-" + i);
        r.put("titel", cap(WORDS[rnd.nextInt(WORDS.length)]) + " " + WORDS[rnd.nextInt(WORDS.length)] + " " + i);
        StringBuilder d = new StringBuilder();
        for (int w = 0; w < 30; w++) {
            d.append(WORDS[rnd.nextInt(WORDS.length)]).append(w % 7 == 6 ? ". " : " ");
        }
        r.put("omschrijving", d.toString());
        r.put("soort", Vocabulary.KINDS.get(rnd.nextInt(8)));
        boolean home = rnd.nextInt(4) == 0;
        r.put("zorgplek", home ? "thuis" : "locatie");
        r.put("uitvoering", Vocabulary.PERFORMERS.get(rnd.nextInt(2)));
        r.put("doelgroepen", Vocabulary.TARGET_GROUPS.get(rnd.nextInt(11)) + "|"
                + Vocabulary.TARGET_GROUPS.get(rnd.nextInt(11)));
        r.put("financiering", Vocabulary.FINANCING.get(rnd.nextInt(9)));
        r.put("aanbieder.naam", "Aanbieder " + (i % 5000));
        if (home) {
            r.put("werkgebied.postcodes", String.valueOf(1000 + rnd.nextInt(8999)));
        } else {
            r.put("locatie.woonplaats", CITIES[rnd.nextInt(CITIES.length)]);
            r.put("locatie.lat", String.valueOf(51.8 + rnd.nextDouble()));
            r.put("locatie.lon", String.valueOf(4.5 + rnd.nextDouble()));
        }
        r.put("talen", rnd.nextInt(5) == 0 ? "nl|en" : "nl");
        return r;
    }

    private static String cap(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
