package nl.mantelkring.employers.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;

import nl.mantelkring.platform.api.format.MultiLine;

/** A programme the municipality runs with employers, and an employer's participation in it. */
public final class Programme {

    static final Set<String> KINDS = Set.of("netwerkbijeenkomst", "training-leidinggevenden", "campagne", "enquete",
            "overig");

    private Programme() {
    }

    public record Input(@JsonProperty("soort") String kind, @JsonProperty("naam") String name,
                        @MultiLine @JsonProperty("omschrijving") String description,
                        @JsonProperty("startdatum") LocalDate startDate, @JsonProperty("einddatum") LocalDate endDate,
                        @MultiLine @JsonProperty("resultaten") String outcomes,
                        @JsonProperty("bereikteWerknemers") Integer employeesReached) {
    }

    public record View(@JsonProperty("id") String id, @JsonProperty("soort") String kind,
                       @JsonProperty("naam") String name, @JsonProperty("omschrijving") String description,
                       @JsonProperty("startdatum") LocalDate startDate, @JsonProperty("einddatum") LocalDate endDate,
                       @JsonProperty("resultaten") String outcomes,
                       @JsonProperty("bereikteWerknemers") Integer employeesReached,
                       @JsonProperty("aantalDeelnemendeWerkgevers") long participants,
                       @JsonProperty("aangemaaktOp") Instant createdAt,
                       @JsonProperty("gewijzigdOp") Instant updatedAt) {
    }

    /** Body of a new participation. */
    public record NewParticipation(@JsonProperty("werkgeverId") String employerId,
                                   @JsonProperty("resultaat") String outcome) {
    }

    /** Body of a change of a participation's outcome. */
    public record ParticipationChange(@JsonProperty("resultaat") String outcome) {
    }

    public record Participation(@JsonProperty("werkgeverId") String employerId,
                                @JsonProperty("werkgeverNaam") String employerName,
                                @JsonProperty("resultaat") String outcome,
                                @JsonProperty("aangemeldOp") Instant joinedAt) {
    }

    static Input validate(Input in) {
        Checks.body(in, "naam");
        Checks c = new Checks();
        c.code("soort", in.kind(), KINDS, true);
        String name = c.text("naam", in.name(), 200, true);
        String description = c.text("omschrijving", in.description(), 2000, false);
        c.required("startdatum", in.startDate());
        if (in.startDate() != null && in.endDate() != null && in.endDate().isBefore(in.startDate())) {
            c.add("einddatum", "Mag niet voor de startdatum liggen.");
        }
        String outcomes = c.text("resultaten", in.outcomes(), 4000, false);
        c.range("bereikteWerknemers", in.employeesReached(), 0, 10_000_000, false);
        c.throwIfAny();
        return new Input(in.kind(), name, description, in.startDate(), in.endDate(), outcomes, in.employeesReached());
    }
}
