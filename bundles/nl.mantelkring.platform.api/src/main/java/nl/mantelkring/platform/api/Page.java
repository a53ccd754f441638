package nl.mantelkring.platform.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One page of a list. Every list in the API has this shape and a stable order.
 *
 * @param items    the items on this page
 * @param paging   where the page stands in the whole list
 */
public record Page<T>(@JsonProperty("resultaten") List<T> items, @JsonProperty("paginering") Paging paging) {

    public static <T> Page<T> of(List<T> items, PageRequest request, long total) {
        return new Page<>(List.copyOf(items), new Paging(request.page(), request.pageSize(), total,
                total == 0 ? 0 : (int) ((total + request.pageSize() - 1) / request.pageSize())));
    }

    /** The requested page of a complete, already ordered list. */
    public static <T> Page<T> slice(List<T> all, PageRequest request) {
        int from = (int) Math.min(all.size(), request.offset());
        int to = Math.min(all.size(), from + request.pageSize());
        return of(all.subList(from, to), request, all.size());
    }

    /** Paging facts: 1-based page number, page size, total number of items and of pages. */
    public record Paging(@JsonProperty("pagina") int page, @JsonProperty("paginaGrootte") int pageSize,
                         @JsonProperty("totaal") long total, @JsonProperty("aantalPaginas") int pages) {
    }
}
