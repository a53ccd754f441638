package nl.mantelkring.appreciation.internal.rules;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import nl.mantelkring.appreciation.EligibilityInput;
import nl.mantelkring.appreciation.internal.rules.Evaluator.History;

/**
 * Evaluations per second of the rules engine alone (no database), on demand:
 * {@code mvn -B -ntp -o -pl bundles/nl.mantelkring.appreciation -am test -Dtest=EvaluatorBenchmark -Dbenchmark=true
 * -Dsurefire.failIfNoSpecifiedTests=false}. Prints numbers; asserts nothing about time.
 */
class EvaluatorBenchmark {

    @Test
    void evaluationsPerSecond() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("benchmark"), "run with -Dbenchmark=true");
        AppreciationPolicy dalfsen = AppreciationPolicy.parse(new ObjectMapper().readTree(EvaluatorTest.DALFSEN));
        AppreciationPolicy maastricht = AppreciationPolicy.parse(new ObjectMapper().readTree(EvaluatorTest.MAASTRICHT));
        for (AppreciationPolicy p : new AppreciationPolicy[] {dalfsen, maastricht, dalfsen, maastricht}) {
            int n = 1_000_000;
            long granted = 0;
            long t = System.nanoTime();
            for (int i = 0; i < n; i++) {
                EligibilityInput in = new EligibilityInput(2026, LocalDate.of(2026, 11, 20),
                        i % 2 == 0 ? "mantelzorger" : "zorgvrager", "c" + i, 10 + i % 80, true, "r" + i, true,
                        LocalDate.of(2025, 1, 1).plusDays(i % 600), BigDecimal.valueOf(i % 20), Set.of("vervoer"),
                        i % 50 == 0, false, i % 80 < 15, null);
                if (Evaluator.evaluate("GM0000", p, in, History.NONE, Map.of()).grantable()) {
                    granted++;
                }
            }
            double s = (System.nanoTime() - t) / 1e9;
            System.out.printf("%s: %,d evaluations in %.2f s = %,.0f per second (%,d grantable)%n",
                    p == dalfsen ? "Dalfsen (age bands, household cap)" : "Maastricht (hours, months, terminal)", n, s,
                    n / s, granted);
        }
    }
}
