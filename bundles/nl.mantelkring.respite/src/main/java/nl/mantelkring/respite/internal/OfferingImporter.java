package nl.mantelkring.respite.internal;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.ProblemException;

/**
 * Imports offerings from CSV (or from an {@code OfferingSource}'s records). Every row is validated on its own; a
 * rejected row is reported with its reasons and never affects the others. The accepted rows are written in one
 * transaction, matched to the tenant's offerings by {@code externId}: new ones are created, changed ones updated,
 * equal ones left alone, so importing the same file twice changes nothing the second time.
 */
@Component(service = OfferingImporter.class)
public class OfferingImporter {

    /** The outcome of one row. Row numbers count lines as a spreadsheet does (the header is row 1). */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record RowReport(@JsonProperty("rij") int row, @JsonProperty("externId") String externalId,
                            @JsonProperty("uitkomst") String outcome, @JsonProperty("aanbodId") String offeringId,
                            @JsonProperty("fouten") List<FieldViolation> errors) {
    }

    /** The report of an import. */
    public record Report(@JsonProperty("aantalRijen") int rows, @JsonProperty("aangemaakt") int created,
                         @JsonProperty("bijgewerkt") int updated, @JsonProperty("ongewijzigd") int unchanged,
                         @JsonProperty("afgewezen") int rejected, @JsonProperty("rijen") List<RowReport> rowReports) {
    }

    static final int MAX_ROWS = 10_000;

    private final OfferingStore store;

    @Activate
    public OfferingImporter(@Reference OfferingStore store) {
        this.store = store;
    }

    /** Parses CSV text (comma or semicolon separated, header row first) and imports it. */
    Report importCsv(String tenant, String csv, String actor) {
        if (csv == null || csv.isBlank()) {
            throw ProblemException.invalid("bestand", "Het CSV-bestand is leeg.");
        }
        String text = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        String firstLine = text.lines().findFirst().orElse("");
        char delimiter = firstLine.indexOf(';') >= 0 && firstLine.indexOf(',') < 0 ? ';' : ',';
        List<Map<String, String>> records = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        List<Boolean> consistent = new ArrayList<>();
        // only whitespace around a value is ignored: a control character at its edge is refused by the text rule
        try (CSVParser parser = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setHeader()
                .setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setIgnoreSurroundingSpaces(true).build()
                .parse(new StringReader(text))) {
            checkHeader(parser.getHeaderNames());
            int row = 1;
            for (CSVRecord r : parser) {
                row++;
                if (row - 1 > MAX_ROWS) {
                    throw ProblemException.invalid("bestand", "Ten hoogste " + MAX_ROWS + " rijen per import.");
                }
                records.add(r.toMap());
                lineNumbers.add(row);
                consistent.add(r.isConsistent());
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw ProblemException.invalid("bestand", "Het CSV-bestand is niet leesbaar: " + e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            throw ProblemException.invalid("bestand", "Het CSV-bestand is niet leesbaar: " + e.getCause().getMessage());
        }
        return importRecords(tenant, records, lineNumbers, consistent, actor);
    }

    /** Imports records (column → value), e.g. from an {@code OfferingSource}; row numbers count from 1. */
    Report importRecords(String tenant, List<Map<String, String>> records, String actor) {
        List<Integer> rows = new ArrayList<>();
        List<Boolean> consistent = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            rows.add(i + 1);
            Set<String> unknown = new HashSet<>(records.get(i) == null ? Set.of() : records.get(i).keySet());
            unknown.removeAll(OfferingCsv.HEADERS);
            consistent.add(records.get(i) != null && unknown.isEmpty());
        }
        return importRecords(tenant, records, rows, consistent, actor);
    }

    private Report importRecords(String tenant, List<Map<String, String>> records, List<Integer> rowNumbers,
                                 List<Boolean> consistent, String actor) {
        RowReport[] reports = new RowReport[records.size()];
        Map<Integer, Offering> accepted = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < records.size(); i++) {
            Map<String, String> r = records.get(i) == null ? Map.of() : records.get(i);
            int row = rowNumbers.get(i);
            List<FieldViolation> errors = new ArrayList<>();
            if (!consistent.get(i)) {
                errors.add(new FieldViolation("rij", "Het aantal kolommen of hun namen kloppen niet met de kop."));
            }
            Offering parsed = OfferingCsv.read(r, errors);
            String externalId = parsed.externalId();
            if (externalId == null) {
                errors.add(new FieldViolation("externId", "Verplicht bij een import."));
            } else if (!seen.add(externalId.toLowerCase(Locale.ROOT))) {
                errors.add(new FieldViolation("externId", "Staat al eerder in dit bestand."));
            }
            OfferingValidator.Result result = OfferingValidator.validate(parsed, tenant);
            for (FieldViolation f : result.violations()) {
                errors.add(new FieldViolation(OfferingCsv.column(f.field()), f.reason()));
            }
            if (errors.isEmpty()) {
                accepted.put(i, result.offering());
            } else {
                reports[i] = new RowReport(row, externalId, "afgewezen", null, errors);
            }
        }
        if (!accepted.isEmpty()) {
            // the same new offerings imported twice at once: the second import waits for the first, fails on an
            // externId, and its repeat finds them (unchanged or updated)
            store.jdbc().inTransactionRetryingDuplicates(c -> {
                for (Map.Entry<Integer, Offering> e : accepted.entrySet()) {
                    OfferingStore.Upserted u = store.upsert(c, tenant, e.getValue(), actor);
                    reports[e.getKey()] = new RowReport(rowNumbers.get(e.getKey()), e.getValue().externalId(),
                            u.outcome().name().toLowerCase(Locale.ROOT), u.id(), List.of());
                }
                return null;
            });
        }
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        int rejected = 0;
        for (RowReport r : reports) {
            switch (r.outcome()) {
                case "aangemaakt" -> created++;
                case "bijgewerkt" -> updated++;
                case "ongewijzigd" -> unchanged++;
                default -> rejected++;
            }
        }
        return new Report(reports.length, created, updated, unchanged, rejected, List.of(reports));
    }

    private static void checkHeader(List<String> headers) {
        List<FieldViolation> v = new ArrayList<>();
        for (String h : headers) {
            if (!OfferingCsv.HEADERS.contains(h)) {
                v.add(new FieldViolation("bestand", "Onbekende kolom '" + h + "'."));
            }
        }
        for (String required : List.of("externId", "titel", "soort", "zorgplek", "uitvoering", "doelgroepen",
                "financiering", "aanbieder.naam")) {
            if (!headers.contains(required)) {
                v.add(new FieldViolation("bestand", "Kolom '" + required + "' ontbreekt."));
            }
        }
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
    }
}
