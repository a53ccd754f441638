package nl.mantelkring.employers.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An employer self-scan in the API. */
public final class SelfScan {

    private SelfScan() {
    }

    /** Body: the answers per question code, and the day the scan was taken (default today). */
    public record Input(@JsonProperty("afgenomenOp") LocalDate takenOn,
                        @JsonProperty("antwoorden") Map<String, String> answers) {
    }

    /** The score of one theme, the change since the employer's previous scan, and the tips. */
    public record ThemeScore(@JsonProperty("thema") String theme, @JsonProperty("naam") String name,
                             @JsonProperty("score") int score,
                             @JsonProperty("verschilMetVorige") Integer changeSincePrevious,
                             @JsonProperty("tips") List<String> tips) {
    }

    public record View(@JsonProperty("id") String id, @JsonProperty("werkgeverId") String employerId,
                       @JsonProperty("afgenomenOp") LocalDate takenOn,
                       @JsonProperty("vragenlijstVersie") String questionnaireVersion,
                       @JsonProperty("totaalscore") int total,
                       @JsonProperty("verschilMetVorige") Integer totalChange,
                       @JsonProperty("themas") List<ThemeScore> themes,
                       @JsonProperty("antwoorden") Map<String, String> answers,
                       @JsonProperty("vastgelegdDoor") String recordedBy,
                       @JsonProperty("vastgelegdOp") Instant recordedAt) {
    }
}
