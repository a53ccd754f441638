package nl.mantelkring.registration.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.platform.api.Allowed;
import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.audit.Audited;
import nl.mantelkring.platform.api.documents.Templates;
import nl.mantelkring.platform.api.format.MultiLine;
import nl.mantelkring.platform.api.messages.OutgoingMessage;
import nl.mantelkring.platform.api.messages.Outbox;
import nl.mantelkring.platform.api.messages.Recipient;

/**
 * {@code POST /gemeenten/{gemeentecode}/nieuwsbrieven}: one message per active caregiver whose current consent for
 * {@code nieuwsbrief} is given, stored in the platform outbox in the request's transaction (all or none). Subject and
 * text are Mustache templates with one placeholder, {@code {{naam}}}; the platform chooses the channel per person.
 */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + RegistrationModule.ID)
@Path("gemeenten/{gemeentecode}/nieuwsbrieven")
@Produces(MediaType.APPLICATION_JSON)
public class NewsletterResource implements RestResource {

    static final String KIND = "registratie.nieuwsbrief";
    static final String CONSENT = "nieuwsbrief";
    static final String PURPOSE = "Nieuwsbrief voor mantelzorgers (met toestemming)";
    static final Set<String> PLACEHOLDERS = Set.of("naam");
    static final int BATCH = 1000;

    public record NewsletterIn(@JsonProperty("onderwerp") String subject,
                               @MultiLine @JsonProperty("tekst") String text) {
    }

    public record NewsletterOut(@JsonProperty("id") String id, @JsonProperty("aantal") int count) {
    }

    private final RegistrationStore store;
    private final Outbox outbox;
    private final Templates templates;

    @Activate
    public NewsletterResource(@Reference RegistrationStore store, @Reference Outbox outbox,
                              @Reference Templates templates) {
        this.store = store;
        this.outbox = outbox;
        this.templates = templates;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Role.MUNICIPAL_ADMIN)
    @Audited(activity = "nieuwsbrief.versturen", recordType = "nieuwsbrief", purpose = PURPOSE)
    public NewsletterOut send(@PathParam("gemeentecode") String tenant, NewsletterIn body) {
        if (body == null) {
            throw Inputs.missingBody();
        }
        List<FieldViolation> v = new ArrayList<>();
        if (body.subject() == null || body.subject().isBlank()) {
            v.add(new FieldViolation("onderwerp", "Verplicht veld."));
        } else if (body.subject().length() > 200) {
            v.add(new FieldViolation("onderwerp", "Ten hoogste 200 tekens."));
        } else {
            v.addAll(templates.check("onderwerp", body.subject(), PLACEHOLDERS));
        }
        if (body.text() == null || body.text().isBlank()) {
            v.add(new FieldViolation("tekst", "Verplicht veld."));
        } else if (body.text().length() > 20_000) {
            v.add(new FieldViolation("tekst", "Ten hoogste 20000 tekens."));
        } else {
            v.addAll(templates.check("tekst", body.text(), PLACEHOLDERS));
        }
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        String id = UUID.randomUUID().toString();
        int count = 0;
        String after = "";
        while (true) {
            List<String> ids = store.activeIds(tenant, after, BATCH);
            for (String caregiverId : new java.util.TreeSet<>(store.withConsent(tenant, ids, CONSENT))) {
                Optional<Recipient> to = store.recipient(tenant, caregiverId);
                if (to.isEmpty()) {
                    continue;
                }
                Map<String, Object> model = Map.of("naam", to.get().name());
                String subject = templates.renderText(body.subject(), model).replaceAll("\\s+", " ").strip();
                outbox.enqueue(new OutgoingMessage(tenant, KIND, KIND + "/" + id + "/" + caregiverId, to.get(),
                        subject.length() > 200 ? subject.substring(0, 200) : subject,
                        templates.renderText(body.text(), model), List.of(), null, PURPOSE));
                count++;
            }
            if (ids.size() < BATCH) {
                break;
            }
            after = ids.get(ids.size() - 1);
        }
        return new NewsletterOut(id, count);
    }
}
