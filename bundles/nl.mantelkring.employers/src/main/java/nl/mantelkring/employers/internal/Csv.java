package nl.mantelkring.employers.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * CSV export with Jackson's CSV data format: RFC 4180 quoting, a header row from the records' JSON names, ISO dates.
 * Text cells that a spreadsheet would run as a formula ({@code = + - @}, tab, carriage return) get a leading
 * apostrophe (CSV injection).
 */
final class Csv {

    /** Quotes only where RFC 4180 needs it (a separator, quote or line break), not every value with a space. */
    private static final CsvMapper MAPPER = (CsvMapper) new CsvMapper()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Csv() {
    }

    static <T> String write(List<T> rows, Class<T> type) {
        CsvSchema schema = MAPPER.schemaFor(type).withHeader().withLineSeparator("\r\n");
        List<Object> safe = rows.stream().map(r -> (Object) MAPPER.convertValue(r, Map.class))
                .map(Csv::neutralise).toList();
        try {
            return MAPPER.writer(schema).writeValueAsString(safe);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("CSV export failed", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object neutralise(Object row) {
        Map<String, Object> map = new LinkedHashMap<>((Map<String, Object>) row);
        map.replaceAll((k, v) -> v instanceof String s ? cell(s) : v);
        return map;
    }

    static String cell(String s) {
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            return "'" + s;
        }
        return s;
    }
}
