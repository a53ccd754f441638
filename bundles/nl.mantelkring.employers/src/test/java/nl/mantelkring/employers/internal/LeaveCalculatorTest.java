package nl.mantelkring.employers.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.ProblemException;

/**
 * The Wazo care-leave calculator on worked examples. Every expected value is derived by hand in the comments from
 * the Wet arbeid en zorg (Wazo), chapter 5, as in force since 1 July 2015:
 * <ul>
 * <li>art. 5:5 lid 1: short-term care leave "per twaalf achtereenvolgende maanden ten hoogste tweemaal de arbeidsduur
 * per week";</li>
 * <li>art. 5:6 lid 1: during short-term care leave the employee keeps 70% of the wage, "maar ten minste het voor hem
 * geldende wettelijk minimumloon";</li>
 * <li>art. 5:11: long-term care leave "per twaalf achtereenvolgende maanden ten hoogste zesmaal de arbeidsduur per
 * week", without pay (art. 5:9 ff.);</li>
 * <li>art. 5:13: the employee asks for long-term leave in writing "ten minste twee weken voor het tijdstip van
 * ingang";</li>
 * <li>domain.md: the twelve-month window starts on the first day of leave.</li>
 * </ul>
 * Minimum wage per hour (21 and older) from the shipped table: 14.06 from 2025-01-01, 14.40 from 2025-07-01, 14.71
 * from 2026-01-01.
 */
class LeaveCalculatorTest {

    private static final LeaveRules SHIPPED = LeaveRules.shipped();

    private static LeaveCalculator.Input input(String hours, String wage, String minimum, LocalDate first,
                                               String shortTaken, String longTaken, LocalDate request,
                                               LocalDate desired) {
        return new LeaveCalculator.Input(dec(hours), dec(wage), dec(minimum), first, dec(shortTaken), dec(longTaken),
                request, desired);
    }

    private static BigDecimal dec(String s) {
        return s == null ? null : new BigDecimal(s);
    }

    private static void assertAmount(String expected, BigDecimal actual) {
        assertEquals(new BigDecimal(expected), actual, "expected " + expected + " but was " + actual);
    }

    @Test
    void shortTermFullTimeAboveMinimumWage() {
        // 36 h/week, EUR 25.00/h, first leave day 2 March 2026, nothing taken yet.
        // short-term: 2 x 36 = 72 h (art. 5:5); pay 70% x 25.00 = 17.50/h, above the minimum wage 14.71 (art. 5:6);
        // the 72 remaining hours are paid 72 x 17.50 = 1260.00.
        var r = LeaveCalculator.calculate(input("36", "25.00", null, LocalDate.of(2026, 3, 2), null, null, null, null),
                SHIPPED);
        assertAmount("72.00", r.shortTerm().entitlement());
        assertAmount("0.00", r.shortTerm().taken());
        assertAmount("72.00", r.shortTerm().remaining());
        assertAmount("17.50", r.shortTerm().paidPerHour());
        assertFalse(r.shortTerm().floorApplied());
        assertAmount("1260.00", r.shortTerm().paidForRemaining());
        assertAmount("70", r.shortTerm().payPercentage());
        // minimum wage looked up by the first leave day: 14.71 from 1 January 2026
        assertAmount("14.71", r.minimumWage().perHour());
        assertEquals("tabel", r.minimumWage().source());
        assertEquals("wazo-2015-07-01", r.rules().id());
        assertTrue(r.shortTerm().legalBasis().contains("5:5"));
    }

    @Test
    void longTermIsSixTimesTheWeeklyHoursAndUnpaid() {
        // 36 h/week: long-term 6 x 36 = 216 h per twelve months (art. 5:11), unpaid; 40 h already taken: 176 h left.
        var r = LeaveCalculator.calculate(input("36", "25.00", null, LocalDate.of(2026, 3, 2), null, "40", null, null),
                SHIPPED);
        assertAmount("216.00", r.longTerm().entitlement());
        assertAmount("40.00", r.longTerm().taken());
        assertAmount("176.00", r.longTerm().remaining());
        assertFalse(r.longTerm().paid());
        assertTrue(r.longTerm().legalBasis().contains("5:11"));
    }

    @Test
    void partTimeWithLeaveTakenAndTheMinimumWageFloor() {
        // 24 h/week (part-time), EUR 20.00/h, first leave day 11 May 2026; 10.5 h short-term and 40 h long-term taken.
        // short-term: 2 x 24 = 48 h, left 48 - 10.5 = 37.5 h. 70% x 20.00 = 14.00 is below the minimum wage 14.71,
        // so 14.71/h is paid (art. 5:6 "ten minste het wettelijk minimumloon"); 37.5 x 14.71 = 551.625 -> 551.63.
        // long-term: 6 x 24 = 144 h, left 144 - 40 = 104 h.
        var r = LeaveCalculator.calculate(input("24", "20.00", null, LocalDate.of(2026, 5, 11), "10.5", "40", null,
                null), SHIPPED);
        assertAmount("48.00", r.shortTerm().entitlement());
        assertAmount("37.50", r.shortTerm().remaining());
        assertAmount("14.71", r.shortTerm().paidPerHour());
        assertTrue(r.shortTerm().floorApplied());
        assertAmount("551.63", r.shortTerm().paidForRemaining());
        assertAmount("144.00", r.longTerm().entitlement());
        assertAmount("104.00", r.longTerm().remaining());
    }

    @Test
    void partTimeWithFractionalHours() {
        // 22.5 h/week: short-term 2 x 22.5 = 45 h, long-term 6 x 22.5 = 135 h.
        var r = LeaveCalculator.calculate(input("22.5", "30.00", null, LocalDate.of(2026, 9, 1), null, null, null,
                null), SHIPPED);
        assertAmount("45.00", r.shortTerm().entitlement());
        assertAmount("135.00", r.longTerm().entitlement());
        // 70% x 30.00 = 21.00/h; 45 x 21.00 = 945.00
        assertAmount("21.00", r.shortTerm().paidPerHour());
        assertAmount("945.00", r.shortTerm().paidForRemaining());
    }

    @Test
    void anEmployeeOnTheMinimumWageKeepsTheFullWage() {
        // 38 h/week at exactly the minimum wage 14.71: 70% x 14.71 = 10.297 (10.30) < 14.71, so 14.71/h, i.e. 100%.
        // short-term 2 x 38 = 76 h; 76 x 14.71 = 1117.96.
        var r = LeaveCalculator.calculate(input("38", "14.71", null, LocalDate.of(2026, 2, 1), null, null, null, null),
                SHIPPED);
        assertAmount("14.71", r.shortTerm().paidPerHour());
        assertTrue(r.shortTerm().floorApplied());
        assertAmount("76.00", r.shortTerm().entitlement());
        assertAmount("1117.96", r.shortTerm().paidForRemaining());
    }

    @Test
    void seventyPercentIsRoundedUpToTheCentSoItIsNeverLess() {
        // 70% x 23.45 = 16.415 -> 16.42 (rounding down to 16.41 would pay less than 70%)
        var r = LeaveCalculator.calculate(input("40", "23.45", null, LocalDate.of(2026, 2, 1), null, null, null, null),
                SHIPPED);
        assertAmount("16.42", r.shortTerm().paidPerHour());
        assertFalse(r.shortTerm().floorApplied());
    }

    @Test
    void theMinimumWageIsLookedUpByTheFirstLeaveDay() {
        // EUR 20.00/h: 70% = 14.00. On 30 June 2025 the minimum wage is 14.06, from 1 July 2025 it is 14.40.
        var june = LeaveCalculator.calculate(input("32", "20.00", null, LocalDate.of(2025, 6, 30), null, null, null,
                null), SHIPPED);
        assertAmount("14.06", june.minimumWage().perHour());
        assertAmount("14.06", june.shortTerm().paidPerHour());
        var july = LeaveCalculator.calculate(input("32", "20.00", null, LocalDate.of(2025, 7, 1), null, null, null,
                null), SHIPPED);
        assertAmount("14.40", july.minimumWage().perHour());
        assertAmount("14.40", july.shortTerm().paidPerHour());
    }

    @Test
    void aGivenMinimumWageIsUsedForExampleTheYouthMinimumWage() {
        // a young employee: own wage 12.00, applicable youth minimum wage 9.00 given explicitly.
        // 70% x 12.00 = 8.40 < 9.00, so 9.00/h is paid.
        var r = LeaveCalculator.calculate(input("20", "12.00", "9.00", LocalDate.of(2026, 2, 1), null, null, null,
                null), SHIPPED);
        assertEquals("opgegeven", r.minimumWage().source());
        assertAmount("9.00", r.shortTerm().paidPerHour());
        assertTrue(r.shortTerm().floorApplied());
        // without it, 12.00 is below the adult minimum wage 14.71 in the table: a 400 naming 'uurloon'
        ProblemException e = assertThrows(ProblemException.class, () -> LeaveCalculator.calculate(
                input("20", "12.00", null, LocalDate.of(2026, 2, 1), null, null, null, null), SHIPPED));
        assertEquals(400, e.status());
        assertEquals(List.of("uurloon"), e.violations().stream().map(FieldViolation::field).toList());
    }

    @Test
    void theWindowIsTwelveConsecutiveMonthsFromTheFirstLeaveDay() {
        // from 2 March 2026 up to and including 1 March 2027
        assertEquals(new LeaveCalculator.Window(LocalDate.of(2026, 3, 2), LocalDate.of(2027, 3, 1)),
                LeaveCalculator.window(LocalDate.of(2026, 3, 2), 12));
        // from 1 January: through 31 December of the same year
        assertEquals(LocalDate.of(2026, 12, 31), LeaveCalculator.window(LocalDate.of(2026, 1, 1), 12).through());
        // from 31 January 2026: through 30 January 2027
        assertEquals(LocalDate.of(2027, 1, 30), LeaveCalculator.window(LocalDate.of(2026, 1, 31), 12).through());
        // from 29 February 2024: 29 February 2025 does not exist, so the period ends at the end of 28 February 2025
        assertEquals(LocalDate.of(2025, 2, 28), LeaveCalculator.window(LocalDate.of(2024, 2, 29), 12).through());
    }

    @Test
    void leaveOnTheLastDayOfTheWindowStillCountsAgainstIt() {
        // window 2 March 2026 - 1 March 2027; 30 h of 72 taken. Desired start 1 March 2027 (last day): same window,
        // 72 - 30 = 42 h left.
        var r = LeaveCalculator.calculate(input("36", "25.00", null, LocalDate.of(2026, 3, 2), "30", null, null,
                LocalDate.of(2027, 3, 1)), SHIPPED);
        assertFalse(r.newWindow());
        assertAmount("42.00", r.shortTerm().remaining());
        assertEquals(LocalDate.of(2027, 3, 1), r.window().through());
    }

    @Test
    void leaveTheDayAfterTheWindowOpensANewWindowWithFullRights() {
        // desired start 2 March 2027, one day after the window: a new window 2 March 2027 - 1 March 2028 with the
        // full 72 h short-term and 216 h long-term again; the hours taken in the old window no longer count.
        var r = LeaveCalculator.calculate(input("36", "25.00", null, LocalDate.of(2026, 3, 2), "30", "100", null,
                LocalDate.of(2027, 3, 2)), SHIPPED);
        assertTrue(r.newWindow());
        assertEquals(new LeaveCalculator.Window(LocalDate.of(2027, 3, 2), LocalDate.of(2028, 3, 1)), r.window());
        assertAmount("72.00", r.shortTerm().remaining());
        assertAmount("216.00", r.longTerm().remaining());
    }

    @Test
    void moreTakenThanTheEntitlementLeavesNothingAndSaysSo() {
        // 36 h/week: 72 h short-term; 80 h taken (the employer gave more): nothing left, never a negative number
        var r = LeaveCalculator.calculate(input("36", "25.00", null, LocalDate.of(2026, 3, 2), "80", null, null, null),
                SHIPPED);
        assertAmount("0.00", r.shortTerm().remaining());
        assertAmount("0.00", r.shortTerm().paidForRemaining());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("meer kortdurend")));
    }

    @Test
    void longTermLeaveNeedsTwoWeeksWrittenNotice() {
        // asked on 1 April 2026: at least two weeks (14 days) before the start, so the earliest start is 15 April
        var onTime = LeaveCalculator.calculate(input("36", "25.00", null, LocalDate.of(2026, 4, 15), null, null,
                LocalDate.of(2026, 4, 1), LocalDate.of(2026, 4, 15)), SHIPPED);
        assertEquals(LocalDate.of(2026, 4, 15), onTime.longTerm().earliestStart());
        assertEquals(14, onTime.longTerm().noticeDays());
        assertEquals(Boolean.TRUE, onTime.longTerm().noticeMet());
        // a start on 14 April is one day short
        var late = LeaveCalculator.calculate(input("36", "25.00", null, LocalDate.of(2026, 4, 14), null, null,
                LocalDate.of(2026, 4, 1), LocalDate.of(2026, 4, 14)), SHIPPED);
        assertEquals(Boolean.FALSE, late.longTerm().noticeMet());
        // without a request date there is no earliest start to compute
        var none = LeaveCalculator.calculate(input("36", "25.00", null, LocalDate.of(2026, 4, 14), null, null, null,
                null), SHIPPED);
        assertNull(none.longTerm().earliestStart());
        assertNull(none.longTerm().noticeMet());
    }

    @Test
    void aChangeInLawIsAChangeInTheData() throws Exception {
        // a hypothetical amendment from 1 January 2027: short-term 3x the weekly hours at 80%. Only the table changes.
        ObjectNode table = (ObjectNode) EmployersPolicy.resource("/defaults/zorgverlofregels.json").deepCopy();
        ObjectNode amended = ((ObjectNode) table.get("regelsets").get(0)).deepCopy();
        amended.put("id", "wazo-2027-01-01").put("geldigVanaf", "2027-01-01");
        ((ObjectNode) amended.get("kortdurend")).put("maalArbeidsduurPerWeek", 3).put("doorbetalingPercentage", 80);
        ((com.fasterxml.jackson.databind.node.ArrayNode) table.get("regelsets")).add(amended);
        LeaveRules rules = LeaveRules.parse(table);
        // 31 December 2026: old rules, 2 x 36 = 72 h at 70% of 25.00 = 17.50
        var before = LeaveCalculator.calculate(input("36", "25.00", null, LocalDate.of(2026, 12, 31), null, null, null,
                null), rules);
        assertEquals("wazo-2015-07-01", before.rules().id());
        assertAmount("72.00", before.shortTerm().entitlement());
        // 1 January 2027: new rules, 3 x 36 = 108 h at 80% of 25.00 = 20.00
        var after = LeaveCalculator.calculate(input("36", "25.00", null, LocalDate.of(2027, 1, 1), null, null, null,
                null), rules);
        assertEquals("wazo-2027-01-01", after.rules().id());
        assertAmount("108.00", after.shortTerm().entitlement());
        assertAmount("20.00", after.shortTerm().paidPerHour());
    }

    @Test
    void aDateBeforeAnyKnownRulesIsRefused() {
        ProblemException e = assertThrows(ProblemException.class, () -> LeaveCalculator.calculate(
                input("36", "25.00", "9.00", LocalDate.of(2015, 6, 30), null, null, null, null), SHIPPED));
        assertEquals(List.of("eersteVerlofdag"), e.violations().stream().map(FieldViolation::field).toList());
    }

    @Test
    void missingAndImpossibleInputIsA400NamingEachField() {
        ProblemException e = assertThrows(ProblemException.class, () -> LeaveCalculator.calculate(
                input(null, "0", null, null, "-1", null, null, null), SHIPPED));
        assertEquals(400, e.status());
        assertEquals(List.of("arbeidsduurPerWeek", "uurloon", "eersteVerlofdag", "kortdurendOpgenomenUren"),
                e.violations().stream().map(FieldViolation::field).toList());
        ProblemException before = assertThrows(ProblemException.class, () -> LeaveCalculator.calculate(
                input("36", "25", null, LocalDate.of(2026, 3, 2), null, null, null, LocalDate.of(2026, 3, 1)),
                SHIPPED));
        assertEquals(List.of("gewensteIngangsdatum"), before.violations().stream().map(FieldViolation::field).toList());
    }

    @Test
    void anUnusableRuleTableIsRejectedWithAReason() {
        JsonNode broken = EmployersPolicy.JSON.createObjectNode().putArray("regelsets").addObject().put("id", "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LeaveRules.parse(EmployersPolicy.JSON.createObjectNode().set("regelsets",
                        EmployersPolicy.JSON.createArrayNode().add(broken))));
        assertTrue(e.getMessage().contains("vensterMaanden"), e.getMessage());
    }
}
