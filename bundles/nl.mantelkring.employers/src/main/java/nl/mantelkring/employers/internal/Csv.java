package nl.mantelkring.employers.internal;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * CSV export of report rows with the platform's CSV writer ({@link nl.mantelkring.platform.api.format.Csv}: RFC
 * 4180, cells a spreadsheet would run as a formula neutralised): a header row from the records' JSON names in their
 * JSON order, ISO dates, absent values empty.
 */
final class Csv {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Csv() {
    }

    static <T> String write(List<T> rows, Class<T> type) {
        List<String> header = MAPPER.getSerializationConfig().introspect(MAPPER.constructType(type))
                .findProperties().stream().map(BeanPropertyDefinition::getName).toList();
        List<List<Object>> cells = rows.stream().map(r -> {
            Map<?, ?> values = MAPPER.convertValue(r, Map.class);
            return header.stream().map(h -> (Object) values.get(h)).toList();
        }).toList();
        return nl.mantelkring.platform.api.format.Csv.write(header, cells);
    }

    static String cell(String s) {
        return nl.mantelkring.platform.api.format.Csv.cell(s);
    }
}
