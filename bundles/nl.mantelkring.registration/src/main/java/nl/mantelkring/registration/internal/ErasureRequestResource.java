package nl.mantelkring.registration.internal;

import java.time.Instant;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.platform.api.Allowed;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.Page;
import nl.mantelkring.platform.api.PageRequest;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.audit.Audited;

/**
 * Erasure requests caregivers made in the loket, for the consultant who handles them (policy
 * {@code registratie.wisverzoek} = consulent): erasing the caregiver ({@code DELETE mantelzorgers/{id}}) closes the
 * request.
 */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + RegistrationModule.ID)
@Path("gemeenten/{gemeentecode}/wisverzoeken")
@Produces(MediaType.APPLICATION_JSON)
public class ErasureRequestResource implements RestResource {

    record ErasureRequestOut(@JsonProperty("mantelzorgerId") String caregiverId,
                             @JsonProperty("naam") String name,
                             @JsonProperty("ingediendOp") Instant requestedAt,
                             @JsonProperty("toelichting") String note,
                             @JsonProperty("mantelzorger") String link) {
    }

    private final RegistrationStore store;

    @Activate
    public ErasureRequestResource(@Reference RegistrationStore store) {
        this.store = store;
    }

    @GET
    @Allowed(Role.CONSULTANT)
    @Audited(activity = "wisverzoek.zoeken", recordType = "mantelzorger", purpose = Erasures.ERASURE_PURPOSE)
    public Page<ErasureRequestOut> list(@PathParam("gemeentecode") String tenant, @QueryParam("pagina") String page,
                                        @QueryParam("paginaGrootte") String size) {
        PageRequest request = PageRequest.parse(page, size);
        return Page.slice(store.erasureRequests(tenant).stream().map(r -> new ErasureRequestOut(r.caregiverId(),
                store.find(tenant, r.caregiverId()).map(c -> c.name().full()).orElse(null), r.requestedAt(), r.note(),
                "/api/v1/gemeenten/" + tenant + "/mantelzorgers/" + r.caregiverId())).toList(), request);
    }
}
