package nl.mantelkring.registration.internal;

import java.net.URI;
import java.time.LocalDate;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

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
import nl.mantelkring.registration.internal.Json.EndIn;
import nl.mantelkring.registration.internal.Json.RelationIn;
import nl.mantelkring.registration.internal.Json.RelationOut;
import nl.mantelkring.registration.internal.Model.Relation;

/** A caregiver's care relations (zorgrelaties): add, list, read, change, end. */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + RegistrationModule.ID)
@Path("gemeenten/{gemeentecode}/mantelzorgers/{mantelzorgerId}/zorgrelaties")
@Produces(MediaType.APPLICATION_JSON)
public class RelationResource implements RestResource {

    private final RegistrationStore store;
    private final Policies policies;
    private final Events events;

    @Activate
    public RelationResource(@Reference RegistrationStore store, @Reference Policies policies,
                            @Reference Events events) {
        this.store = store;
        this.policies = policies;
        this.events = events;
    }

    @GET
    @Allowed(Role.CONSULTANT)
    @Audited(activity = "zorgrelatie.zoeken", recordType = "zorgrelatie", purpose = CaregiverResource.PURPOSE,
            subjectParam = "mantelzorgerId")
    public Page<RelationOut> list(@PathParam("gemeentecode") String tenant,
                                  @PathParam("mantelzorgerId") String caregiverId,
                                  @QueryParam("pagina") String page,
                                  @QueryParam("paginaGrootte") String size) {
        CaregiverResource.id("mantelzorgerId", caregiverId);
        PageRequest request = PageRequest.parse(page, size);
        if (!store.exists(tenant, caregiverId)) {
            throw RegistrationStore.caregiverNotFound();
        }
        return Page.slice(store.relations(tenant, caregiverId), request);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Role.CONSULTANT)
    @Audited(activity = "zorgrelatie.registreren", recordType = "zorgrelatie", purpose = CaregiverResource.PURPOSE,
            subjectParam = "mantelzorgerId")
    public Response add(@PathParam("gemeentecode") String tenant, @PathParam("mantelzorgerId") String caregiverId,
                        RelationIn body, @Context SecurityContext security) {
        Relation r = validated(tenant, caregiverId, body);
        String id = store.addRelation(tenant, caregiverId, security.getUserPrincipal().getName(), r);
        events.changed(tenant, caregiverId);
        return Response.created(URI.create("gemeenten/" + tenant + "/mantelzorgers/" + caregiverId
                + "/zorgrelaties/" + id)).entity(store.relation(tenant, caregiverId, id).orElseThrow()).build();
    }

    private Relation validated(String tenant, String caregiverId, RelationIn body) {
        CaregiverResource.id("mantelzorgerId", caregiverId);
        if (body == null) {
            throw Inputs.missingBody();
        }
        LocalDate birth = store.info(tenant, caregiverId).orElseThrow(RegistrationStore::caregiverNotFound)
                .birthDate();
        Validation v = new Validation();
        Relation r = Inputs.relation(v, body, policies.bsn(tenant).recipient(), birth, Clocks.today());
        v.throwIfInvalid();
        return r;
    }

    @GET
    @Path("{zorgrelatieId}")
    @Allowed(Role.CONSULTANT)
    @Audited(activity = "zorgrelatie.lezen", recordType = "zorgrelatie", purpose = CaregiverResource.PURPOSE,
            idParam = "zorgrelatieId", subjectParam = "mantelzorgerId")
    public RelationOut read(@PathParam("gemeentecode") String tenant, @PathParam("mantelzorgerId") String caregiverId,
                            @PathParam("zorgrelatieId") String id) {
        CaregiverResource.id("mantelzorgerId", caregiverId);
        CaregiverResource.id("zorgrelatieId", id);
        return store.relation(tenant, caregiverId, id).orElseThrow(RegistrationStore::relationNotFound);
    }

    @PUT
    @Path("{zorgrelatieId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Role.CONSULTANT)
    @Audited(activity = "zorgrelatie.wijzigen", recordType = "zorgrelatie", purpose = CaregiverResource.PURPOSE,
            idParam = "zorgrelatieId", subjectParam = "mantelzorgerId")
    public RelationOut update(@PathParam("gemeentecode") String tenant,
                              @PathParam("mantelzorgerId") String caregiverId, @PathParam("zorgrelatieId") String id,
                              RelationIn body, @Context SecurityContext security) {
        CaregiverResource.id("zorgrelatieId", id);
        Relation r = validated(tenant, caregiverId, body);
        store.updateRelation(tenant, caregiverId, id, security.getUserPrincipal().getName(), r);
        events.changed(tenant, caregiverId);
        return store.relation(tenant, caregiverId, id).orElseThrow();
    }

    @POST
    @Path("{zorgrelatieId}/beeindiging")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Role.CONSULTANT)
    @Audited(activity = "zorgrelatie.beeindigen", recordType = "zorgrelatie", purpose = CaregiverResource.PURPOSE,
            idParam = "zorgrelatieId", subjectParam = "mantelzorgerId")
    public RelationOut end(@PathParam("gemeentecode") String tenant, @PathParam("mantelzorgerId") String caregiverId,
                           @PathParam("zorgrelatieId") String id, EndIn body, @Context SecurityContext security) {
        CaregiverResource.id("mantelzorgerId", caregiverId);
        CaregiverResource.id("zorgrelatieId", id);
        if (body == null) {
            throw Inputs.missingBody();
        }
        Validation v = new Validation();
        v.pastDate("datum", body.date(), Clocks.today(), false);
        v.code("reden", body.reason(), Codes.RELATION_END_REASONS, true);
        v.throwIfInvalid();
        LocalDate date = body.date() == null ? Clocks.today() : body.date();
        store.endRelation(tenant, caregiverId, id, security.getUserPrincipal().getName(), date, body.reason());
        events.relationEnded(tenant, caregiverId, id, body.reason());
        return store.relation(tenant, caregiverId, id).orElseThrow();
    }
}
