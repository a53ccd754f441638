package nl.mantelkring.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class PageTest {

    private static final List<Integer> TWENTY_FIVE = IntStream.rangeClosed(1, 25).boxed().toList();

    @Test
    void ofComputesPageCount() {
        Page<String> p = Page.of(List.of("a", "b"), PageRequest.of(1, 2), 5);
        assertEquals(List.of("a", "b"), p.items());
        assertEquals(new Page.Paging(1, 2, 5, 3), p.paging());
    }

    @Test
    void ofExactMultipleHasNoExtraPage() {
        assertEquals(2, Page.of(List.of(), PageRequest.of(1, 10), 20).paging().pages());
        assertEquals(1, Page.of(List.of(), PageRequest.of(1, 10), 1).paging().pages());
    }

    @Test
    void ofZeroTotalHasZeroPages() {
        Page<String> p = Page.of(List.of(), PageRequest.of(1, 20), 0);
        assertTrue(p.items().isEmpty());
        assertEquals(0, p.paging().pages());
        assertEquals(0, p.paging().total());
    }

    @Test
    void ofCopiesTheItems() {
        List<String> items = new ArrayList<>(List.of("a"));
        Page<String> p = Page.of(items, PageRequest.of(1, 20), 1);
        items.add("b");
        assertEquals(List.of("a"), p.items());
        assertThrows(UnsupportedOperationException.class, () -> p.items().add("c"));
    }

    @Test
    void sliceFirstPage() {
        Page<Integer> p = Page.slice(TWENTY_FIVE, PageRequest.of(1, 10));
        assertEquals(IntStream.rangeClosed(1, 10).boxed().toList(), p.items());
        assertEquals(new Page.Paging(1, 10, 25, 3), p.paging());
    }

    @Test
    void sliceMiddlePage() {
        Page<Integer> p = Page.slice(TWENTY_FIVE, PageRequest.of(2, 10));
        assertEquals(IntStream.rangeClosed(11, 20).boxed().toList(), p.items());
    }

    @Test
    void sliceLastPartialPage() {
        Page<Integer> p = Page.slice(TWENTY_FIVE, PageRequest.of(3, 10));
        assertEquals(List.of(21, 22, 23, 24, 25), p.items());
        assertEquals(new Page.Paging(3, 10, 25, 3), p.paging());
    }

    @Test
    void slicePastTheEndIsEmptyButKeepsTotals() {
        Page<Integer> p = Page.slice(TWENTY_FIVE, PageRequest.of(4, 10));
        assertTrue(p.items().isEmpty());
        assertEquals(new Page.Paging(4, 10, 25, 3), p.paging());
    }

    @Test
    void sliceEmptyList() {
        Page<Integer> p = Page.slice(List.of(), PageRequest.of(1, 20));
        assertTrue(p.items().isEmpty());
        assertEquals(new Page.Paging(1, 20, 0, 0), p.paging());
    }

    @Test
    void sliceFarPastTheEndDoesNotOverflow() {
        Page<Integer> p = Page.slice(TWENTY_FIVE, PageRequest.of(Integer.MAX_VALUE, 100));
        assertTrue(p.items().isEmpty());
        assertEquals(25, p.paging().total());
    }
}
