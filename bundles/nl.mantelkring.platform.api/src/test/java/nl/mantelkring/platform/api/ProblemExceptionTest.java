package nl.mantelkring.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ProblemExceptionTest {

    @Test
    void notFound() {
        ProblemException e = ProblemException.notFound("Gemeente GM0001 bestaat niet.");
        assertEquals(404, e.status());
        assertEquals(Problems.NOT_FOUND, e.type());
        assertEquals("Niet gevonden", e.title());
        assertEquals("Gemeente GM0001 bestaat niet.", e.detail());
        assertEquals(e.getMessage(), e.detail());
        assertTrue(e.violations().isEmpty());
    }

    @Test
    void conflict() {
        ProblemException e = ProblemException.conflict("bestaat al");
        assertEquals(409, e.status());
        assertEquals(Problems.CONFLICT, e.type());
        assertEquals("bestaat al", e.detail());
        assertTrue(e.violations().isEmpty());
    }

    @Test
    void invalidSingleField() {
        ProblemException e = ProblemException.invalid("postcode", "Ongeldig.");
        assertEquals(400, e.status());
        assertEquals(Problems.VALIDATION, e.type());
        assertEquals(List.of(new FieldViolation("postcode", "Ongeldig.")), e.violations());
        assertTrue(e.detail().contains("1 fout"), e.detail());
    }

    @Test
    void invalidListCountsAndCopiesViolations() {
        List<FieldViolation> v = new ArrayList<>(List.of(new FieldViolation("a", "x"), new FieldViolation("b", "y")));
        ProblemException e = ProblemException.invalid(v);
        v.clear();
        assertEquals(2, e.violations().size());
        assertEquals("a", e.violations().get(0).field());
        assertEquals("b", e.violations().get(1).field());
        assertTrue(e.detail().contains("2 fout"), e.detail());
        assertThrows(UnsupportedOperationException.class, () -> e.violations().add(new FieldViolation("c", "z")));
    }

    @Test
    void nullViolationsBecomeEmpty() {
        ProblemException e = new ProblemException(422, Problems.of("iets"), "Titel", "detail", null);
        assertTrue(e.violations().isEmpty());
        assertEquals("urn:nl:mantelkring:probleem:iets", e.type());
    }

    @Test
    void rejectsNonErrorStatus() {
        assertThrows(IllegalArgumentException.class, () -> new ProblemException(200, Problems.INTERNAL, "t", "d"));
        assertThrows(IllegalArgumentException.class, () -> new ProblemException(399, Problems.INTERNAL, "t", "d"));
        assertThrows(IllegalArgumentException.class, () -> new ProblemException(600, Problems.INTERNAL, "t", "d"));
        assertEquals(599, new ProblemException(599, Problems.INTERNAL, "t", "d").status());
        assertEquals(400, new ProblemException(400, Problems.INTERNAL, "t", "d").status());
    }

    @Test
    void requiresTypeAndTitle() {
        assertThrows(NullPointerException.class, () -> new ProblemException(400, null, "t", "d"));
        assertThrows(NullPointerException.class, () -> new ProblemException(400, Problems.INTERNAL, null, "d"));
    }

    @Test
    void fieldViolationRequiresFieldAndReason() {
        assertThrows(NullPointerException.class, () -> new FieldViolation(null, "x"));
        assertThrows(NullPointerException.class, () -> new FieldViolation("x", null));
    }
}
