package nl.voorbeeldleverancier.mantelkring.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;

import org.junit.jupiter.api.Test;

import nl.mantelkring.appreciation.EligibilityInput;
import nl.mantelkring.appreciation.PayoutRequest;
import nl.mantelkring.appreciation.PayoutResult;
import nl.mantelkring.appreciation.RuleOutcome;

class PluginTest {

    private static EligibilityInput input(int age) {
        return new EligibilityInput(2026, LocalDate.of(2026, 11, 20), "mantelzorger", "c-1", age, true, "r-1", true,
                LocalDate.of(2024, 1, 1), new BigDecimal("10"), Set.of("huishouden"), false, false, age < 25, null);
    }

    @Test
    void youngCaregiversGetTheSupplementOthersPassWithout() {
        YoungCaregiverSupplement rule = new YoungCaregiverSupplement(new BigDecimal("50"));
        RuleOutcome young = rule.evaluate("GM0363", input(19));
        assertTrue(young.passed());
        assertEquals(new BigDecimal("50.00"), young.extraAmount());
        assertEquals("U bent jonger dan 25 jaar: u krijgt € 50,00 extra als jonge mantelzorger.", young.reason());
        RuleOutcome older = rule.evaluate("GM0363", input(45));
        assertTrue(older.passed());
        assertNull(older.extraAmount());
    }

    @Test
    void theSameGrantGetsTheSameCardAndCardNumbersCarryALuhnDigit() {
        StadspasGiftCard channel = new StadspasGiftCard();
        PayoutResult first = channel.issue(new PayoutRequest("GM0363", "g-1", 2026, new BigDecimal("150.00"), "c-1"));
        PayoutResult retry = channel.issue(new PayoutRequest("GM0363", "g-1", 2026, new BigDecimal("150.00"), "c-1"));
        assertEquals(first.reference(), retry.reference());
        assertEquals(first.reference(), StadspasGiftCard.cardNumber("GM0363/g-1"));   // deterministic, also after a restart
        assertTrue(first.reference().matches("6006 55\\d\\d \\d{4} \\d{4}"), first.reference());
        assertTrue(first.instructions().contains("€ 150,00"));
        assertNotEquals(first.reference(), channel.issue(new PayoutRequest("GM0344", "g-1", 2026,
                new BigDecimal("150.00"), "c-9")).reference());
        String digits = first.reference().replace(" ", "");
        assertEquals(digits.charAt(15) - '0', StadspasGiftCard.luhn(digits.substring(0, 15)));
        assertEquals(3, StadspasGiftCard.luhn("7992739871"));   // the textbook example
    }
}
