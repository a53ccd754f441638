package nl.mantelkring.platform.documents.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import nl.mantelkring.platform.api.documents.Letter;

/**
 * Letters per second: 1,000 decision letters (one page, letterhead with logo, a body from a Mustache template with
 * the grounds as a list) rendered as PDF/A-2u after a warm-up, on one thread and on as many threads as there are
 * cores; then the 1,000 merged into one print batch. Baseline in the same run: the same HTML rendered by the same
 * library as a plain PDF (no PDF/A, no tagging, no output intent). Prints the figures with the load average.
 * Not a unit test: {@code benchmarks/letters.sh} (which runs
 * {@code mvn -B -ntp -o -pl bundles/nl.mantelkring.platform.documents test -Dtest=LettersBenchmark -Dbenchmark=true
 * -Dsurefire.failIfNoSpecifiedTests=false}).
 */
class LettersBenchmark {

    static final int LETTERS = Integer.getInteger("benchmark.letters", 1000);
    static final int WARMUP = Integer.getInteger("benchmark.warmup", 200);
    static final String BODY = """
            <p>Beste {{naam}},</p>
            <p>U heeft op {{aanvraagdatum}} de mantelzorgwaardering {{jaar}} aangevraagd. In deze brief leest u
            ons besluit.</p>
            <h2>Ons besluit</h2>
            <p>U krijgt de mantelzorgwaardering van <strong>{{bedrag}}</strong>. Wij maken het bedrag over op
            rekening {{rekening}} voor {{uitbetaaldatum}}.</p>
            <h2>Waarom krijgt u de waardering?</h2>
            <ul>{{#gronden}}<li>{{.}}</li>{{/gronden}}</ul>
            <h2>Bent u het niet eens met dit besluit?</h2>
            <p>Dan kunt u binnen 6 weken na de datum van deze brief bezwaar maken. Stuur uw bezwaar naar het college
            van burgemeester en wethouders, Postbus 202, 1000 AE Amsterdam, of maak bezwaar via de website.
            Schrijf in uw bezwaar waarom u het niet eens bent met het besluit.</p>
            <p>Heeft u vragen? Bel ons op 14 020.</p>
            """;

    @Test
    void lettersPerSecond() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("benchmark"), "run with -Dbenchmark=true");
        TestPolicies policies = new TestPolicies().with(PdfLettersTest.TENANT, Letterhead.KEY, PdfLettersTest.LETTERHEAD)
                .with(PdfLettersTest.TENANT, "loket.thema", "{\"logo\": {\"type\": \"image/png\", \"data\": \""
                        + PdfLettersTest.png() + "\", \"alt\": \"Gemeente Amsterdam\"}}");
        PdfLetters letters = PdfLettersTest.letters(policies);
        MustacheTemplates templates = new MustacheTemplates();
        String loadBefore = load();

        for (int i = 0; i < WARMUP; i++) {
            letters.render(PdfLettersTest.TENANT, letter(templates, i));
            baseline(templates, letters, i);
        }

        // one thread
        long[] took = new long[LETTERS];
        List<byte[]> pdfs = new ArrayList<>(LETTERS);
        long start = System.nanoTime();
        for (int i = 0; i < LETTERS; i++) {
            long t = System.nanoTime();
            pdfs.add(letters.render(PdfLettersTest.TENANT, letter(templates, i)));
            took[i] = System.nanoTime() - t;
        }
        double serial = seconds(start);

        // baseline: the same HTML as a plain PDF
        start = System.nanoTime();
        for (int i = 0; i < LETTERS; i++) {
            baseline(templates, letters, i);
        }
        double plain = seconds(start);

        // all cores
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        start = System.nanoTime();
        List<Future<byte[]>> futures = new ArrayList<>();
        for (int i = 0; i < LETTERS; i++) {
            int n = i;
            futures.add(pool.submit(() -> letters.render(PdfLettersTest.TENANT, letter(templates, n))));
        }
        for (Future<byte[]> f : futures) {
            f.get();
        }
        double parallel = seconds(start);
        pool.shutdown();

        start = System.nanoTime();
        byte[] batch = letters.merge(pdfs);
        double merge = seconds(start);

        Arrays.sort(took);
        long bytes = pdfs.stream().mapToLong(p -> p.length).sum();
        String loadAfter = load();
        System.out.printf("%nletters: %d after %d warm-up, JDK %s, %d cores%n", LETTERS, WARMUP,
                System.getProperty("java.version"), threads);
        System.out.printf("PDF/A-2u, 1 thread:   %.1f s, %.0f letters/s, p50 %.1f ms, p95 %.1f ms, %.0f KB/letter%n",
                serial, LETTERS / serial, took[LETTERS / 2] / 1e6, took[LETTERS * 95 / 100] / 1e6,
                bytes / 1024.0 / LETTERS);
        System.out.printf("PDF/A-2u, %d threads:  %.1f s, %.0f letters/s%n", threads, parallel, LETTERS / parallel);
        System.out.printf("baseline plain PDF, 1 thread: %.1f s, %.0f letters/s (PDF/A costs x%.2f)%n", plain,
                LETTERS / plain, serial / plain);
        System.out.printf("merge of %d letters into one print batch: %.1f s, %.1f MB%n", LETTERS, merge,
                batch.length / 1024.0 / 1024.0);
        System.out.printf("load average before: %s, after: %s%n", loadBefore, loadAfter);
    }

    private static Letter letter(MustacheTemplates templates, int i) {
        Map<String, Object> model = Map.of("naam", "mevrouw Jansen-" + i, "aanvraagdatum", "3 maart 2026",
                "jaar", "2026", "bedrag", "€ 150,00", "rekening", "NL** **** **** **12 34", "uitbetaaldatum",
                "1 april 2026", "gronden", List.of("U woont in de gemeente Amsterdam.",
                        "U zorgt minstens 8 uur per week voor uw moeder.", "U zorgt al langer dan 3 maanden."));
        return new Letter(List.of("Mevrouw A. Jansen-" + i, "Dorpsstraat " + (i % 200 + 1), "1234 AB Amsterdam"),
                LocalDate.of(2026, 3, 20), "WA-2026-" + (100000 + i), "Besluit mantelzorgwaardering 2026",
                templates.renderHtml(BODY, model));
    }

    private static void baseline(MustacheTemplates templates, PdfLetters letters, int i) {
        Letter l = letter(templates, i);
        PdfLetters.pdf(PdfLetters.html(Letterhead.parse(PdfLettersTest.LETTERHEAD),
                letters.logo(PdfLettersTest.TENANT, 2026), l), letters.logo(PdfLettersTest.TENANT, 2026), false, false);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static String load() {
        try {
            return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).trim().split(" "), 3));
        } catch (Exception e) {
            return "n/a";
        }
    }
}
