package nl.mantelkring.employers.internal;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import nl.mantelkring.platform.api.data.Jdbc;

/**
 * Self-scans per employer. Each scan stores its answers and its scored themes (name, score, tips) as JSON, so a scan
 * stays readable and comparable after the questionnaire changes; the change since the previous scan is computed on
 * read, per theme code.
 */
@Component(service = SelfScanStore.class)
public class SelfScanStore {

    private static final TypeReference<Map<String, String>> ANSWERS = new TypeReference<>() { };
    private static final TypeReference<List<SelfScan.ThemeScore>> THEMES = new TypeReference<>() { };

    private final Jdbc jdbc;

    @Activate
    public SelfScanStore(@Reference EmployerStore employers) {
        this.jdbc = employers.jdbc();
    }

    String create(String tenant, String employerId, LocalDate takenOn, Questionnaire q, Map<String, String> answers,
                  Questionnaire.Outcome outcome, String recordedBy) {
        List<SelfScan.ThemeScore> themes = new ArrayList<>();
        for (Questionnaire.Theme t : q.themes()) {
            themes.add(new SelfScan.ThemeScore(t.code(), t.name(), outcome.scores().get(t.code()), null,
                    outcome.tips().get(t.code())));
        }
        String id = UUID.randomUUID().toString();
        jdbc.update("insert into employers_self_scan (tenant, id, employer_id, taken_on, questionnaire_version,"
                + " answers, scores, total_score, recorded_by, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                tenant, id, employerId, takenOn, q.version(), json(answers), json(themes), outcome.total(), recordedBy,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        return id;
    }

    /** All scans of an employer, oldest first, each compared with the one before it. */
    List<SelfScan.View> list(String tenant, String employerId) {
        List<SelfScan.View> raw = jdbc.query("select * from employers_self_scan where tenant = ? and employer_id = ?"
                + " order by taken_on, recorded_at, id", SelfScanStore::map, tenant, employerId);
        List<SelfScan.View> out = new ArrayList<>();
        SelfScan.View previous = null;
        for (SelfScan.View s : raw) {
            out.add(compare(s, previous));
            previous = s;
        }
        return out;
    }

    private static SelfScan.View compare(SelfScan.View s, SelfScan.View previous) {
        if (previous == null) {
            return s;
        }
        List<SelfScan.ThemeScore> themes = new ArrayList<>();
        for (SelfScan.ThemeScore t : s.themes()) {
            Integer change = previous.themes().stream().filter(p -> p.theme().equals(t.theme())).findFirst()
                    .map(p -> t.score() - p.score()).orElse(null);
            themes.add(new SelfScan.ThemeScore(t.theme(), t.name(), t.score(), change, t.tips()));
        }
        return new SelfScan.View(s.id(), s.employerId(), s.takenOn(), s.questionnaireVersion(), s.total(),
                s.total() - previous.total(), List.copyOf(themes), s.answers(), s.recordedBy(), s.recordedAt());
    }

    private static SelfScan.View map(ResultSet rs) throws SQLException {
        try {
            return new SelfScan.View(rs.getString("id"), rs.getString("employer_id"),
                    rs.getObject("taken_on", LocalDate.class), rs.getString("questionnaire_version"),
                    rs.getInt("total_score"), null, EmployersPolicy.JSON.readValue(rs.getString("scores"), THEMES),
                    EmployersPolicy.JSON.readValue(rs.getString("answers"), ANSWERS), rs.getString("recorded_by"),
                    Jdbc.instant(rs, "recorded_at"));
        } catch (IOException e) {
            throw new SQLException("unreadable self-scan " + rs.getString("id"), e);
        }
    }

    private static String json(Object o) {
        try {
            return EmployersPolicy.JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
