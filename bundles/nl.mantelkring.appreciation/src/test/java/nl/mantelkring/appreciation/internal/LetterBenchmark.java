package nl.mantelkring.appreciation.internal;

import java.util.Locale;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module's part of a decision letter, for 1,000 decisions: {@link Applications#apply} decided at once by the
 * rules, with the letter's model, both templates rendered (jmustache) and the letter stored with its audit entry on
 * H2, against the same 1,000 decisions without letters. The PDF/A rendering itself is the documents bundle's (its
 * own benchmark); here the letter is the text {@link LettersTest#TEXT_LETTERS} makes. The figure over HTTP with real
 * PDF/A letters: {@code LettersIT#lettersPerSecondFor1000Decisions}. Run on demand only:
 * {@code mvn -B -ntp -o -pl bundles/nl.mantelkring.appreciation test -Dtest=LetterBenchmark -Dbenchmark=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class LetterBenchmark {

    @BeforeAll
    static void setUp() {
        LettersTest.setUp();
    }

    @AfterAll
    static void tearDown() {
        LettersTest.tearDown();
    }

    @Test
    void lettersPerSecond() {
        Assumptions.assumeTrue(Boolean.getBoolean("benchmark"), "run with -Dbenchmark=true");
        run("warm-up", 300, true);
        run("warm-up", 300, false);
        for (int round = 0; round < 2; round++) {
            run("without letters", 1000, false);
            run("with letters", 1000, true);
        }
    }

    private static void run(String label, int n, boolean withLetters) {
        new LettersTest().empty();
        Applications apps = withLetters ? LettersTest.apps : ApplicationsTest.apps;
        ApplicationsTest.policy.put(LettersTest.A + "|waardering.regels|2026",
                ApplicationsTest.POLICY.replace("\"budget\": 250", "\"budget\": 100000").formatted("true"));
        for (int i = 0; i < n; i++) {
            ApplicationsTest.caregiver(LettersTest.A, "b" + i, i, "10");
        }
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Applications.Stored s = apps.apply(LettersTest.A, "consulent", new Applications.NewApplication(2026, "b" + i,
                    "rel-b" + i, "mantelzorger", false, null, Applications.BALIE));
            if (!Applications.GRANTED.equals(s.status())) {
                throw new AssertionError(s.status() + " " + s.evaluation());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long letters = ApplicationsTest.apps.jdbc().count("select count(*) from appreciation_letter");
        System.out.printf(Locale.ROOT, "%-16s %5d decisions in %6.2f s = %7.1f decisions/s, %d letters%n", label, n,
                seconds, n / seconds, letters);
    }
}
