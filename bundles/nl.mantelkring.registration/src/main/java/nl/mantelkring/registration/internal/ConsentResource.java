package nl.mantelkring.registration.internal;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.platform.api.Allowed;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.audit.Audited;
import nl.mantelkring.registration.internal.Json.ConsentIn;
import nl.mantelkring.registration.internal.Json.ConsentsOut;
import nl.mantelkring.registration.internal.Model.Consent;

/** Consent per purpose, as history: giving or withdrawing adds an entry; nothing is overwritten. */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + RegistrationModule.ID)
@Path("gemeenten/{gemeentecode}/mantelzorgers/{mantelzorgerId}/toestemmingen")
@Produces(MediaType.APPLICATION_JSON)
public class ConsentResource implements RestResource {

    private final RegistrationStore store;
    private final Events events;

    @Activate
    public ConsentResource(@Reference RegistrationStore store, @Reference Events events) {
        this.store = store;
        this.events = events;
    }

    @GET
    @Allowed(Role.CONSULTANT)
    @Audited(activity = "toestemming.lezen", recordType = "toestemming", purpose = CaregiverResource.PURPOSE,
            subjectParam = "mantelzorgerId")
    public ConsentsOut list(@PathParam("gemeentecode") String tenant, @PathParam("mantelzorgerId") String caregiverId) {
        CaregiverResource.id("mantelzorgerId", caregiverId);
        if (!store.exists(tenant, caregiverId)) {
            throw RegistrationStore.caregiverNotFound();
        }
        return store.consents(tenant, caregiverId);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Role.CONSULTANT)
    @Audited(activity = "toestemming.vastleggen", recordType = "toestemming", purpose = CaregiverResource.PURPOSE,
            subjectParam = "mantelzorgerId")
    public ConsentsOut add(@PathParam("gemeentecode") String tenant, @PathParam("mantelzorgerId") String caregiverId,
                        ConsentIn body, @Context SecurityContext security) {
        CaregiverResource.id("mantelzorgerId", caregiverId);
        return record(store, events, tenant, caregiverId, security.getUserPrincipal().getName(), body);
    }

    /** Checks and records a consent given or withdrawn (staff and the caregiver in the loket alike). */
    static ConsentsOut record(RegistrationStore store, Events events, String tenant, String caregiverId, String actor,
                              ConsentIn body) {
        if (body == null) {
            throw Inputs.missingBody();
        }
        Validation v = new Validation();
        Consent consent = Inputs.consent(v, "", body, Clocks.today());
        v.throwIfInvalid();
        store.addConsent(tenant, caregiverId, actor, consent);
        events.changed(tenant, caregiverId);
        return store.consents(tenant, caregiverId);
    }
}
