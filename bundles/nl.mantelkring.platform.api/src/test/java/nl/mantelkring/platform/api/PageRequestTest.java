package nl.mantelkring.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class PageRequestTest {

    @Test
    void defaultsToFirstPageOfTwenty() {
        PageRequest r = PageRequest.of(null, null);
        assertEquals(1, r.page());
        assertEquals(20, r.pageSize());
        assertEquals(PageRequest.DEFAULT_SIZE, r.pageSize());
        assertEquals(0, r.offset());
    }

    @Test
    void keepsGivenValuesAndComputesOffset() {
        PageRequest r = PageRequest.of(3, 25);
        assertEquals(3, r.page());
        assertEquals(25, r.pageSize());
        assertEquals(50, r.offset());
    }

    @Test
    void offsetDoesNotOverflowForLargePages() {
        PageRequest r = PageRequest.of(Integer.MAX_VALUE, 100);
        assertEquals((long) (Integer.MAX_VALUE - 1) * 100, r.offset());
    }

    @Test
    void acceptsTheBounds() {
        assertEquals(1, PageRequest.of(1, 1).pageSize());
        assertEquals(100, PageRequest.of(1, PageRequest.MAX_SIZE).pageSize());
    }

    @Test
    void pageBelowOneNamesPagina() {
        ProblemException e = assertThrows(ProblemException.class, () -> PageRequest.of(0, null));
        assertEquals(400, e.status());
        assertEquals(Problems.VALIDATION, e.type());
        assertEquals(List.of("pagina"), fields(e));
    }

    @Test
    void sizeOutOfRangeNamesPaginaGrootte() {
        for (int size : new int[] {0, -1, 101}) {
            ProblemException e = assertThrows(ProblemException.class, () -> PageRequest.of(null, size),
                    "size " + size);
            assertEquals(400, e.status());
            assertEquals(List.of("paginaGrootte"), fields(e), "size " + size);
        }
    }

    @Test
    void bothWrongNamesBothKeys() {
        ProblemException e = assertThrows(ProblemException.class, () -> PageRequest.of(-5, 1000));
        assertEquals(List.of(PageRequest.PAGE_PARAM, PageRequest.SIZE_PARAM), fields(e));
        assertEquals("pagina", PageRequest.PAGE_PARAM);
        assertEquals("paginaGrootte", PageRequest.SIZE_PARAM);
    }

    private static List<String> fields(ProblemException e) {
        return e.violations().stream().map(FieldViolation::field).toList();
    }

    @org.junit.jupiter.api.Test
    void parseTurnsMalformedQueryValuesInto400NamingTheKeys() {
        assertEquals(new PageRequest(2, 50), PageRequest.parse("2", "50"));
        assertEquals(new PageRequest(1, PageRequest.DEFAULT_SIZE), PageRequest.parse(null, ""));
        ProblemException e = org.junit.jupiter.api.Assertions.assertThrows(ProblemException.class,
                () -> PageRequest.parse("een", "veel"));
        assertEquals(400, e.status());
        assertEquals(java.util.List.of("pagina", "paginaGrootte"),
                e.violations().stream().map(FieldViolation::field).toList());
        // well-formed but out of range still gets the range message
        assertEquals("paginaGrootte", org.junit.jupiter.api.Assertions.assertThrows(ProblemException.class,
                () -> PageRequest.parse("1", "101")).violations().get(0).field());
    }

    @org.junit.jupiter.api.Test
    void queryIntegerIsNullWhenAbsentAndA400WhenMalformed() {
        assertEquals(null, QueryValues.integer("jaar", null));
        assertEquals(2026, QueryValues.integer("jaar", " 2026 "));
        assertEquals("jaar", org.junit.jupiter.api.Assertions.assertThrows(ProblemException.class,
                () -> QueryValues.integer("jaar", "2026x")).violations().get(0).field());
    }
}
