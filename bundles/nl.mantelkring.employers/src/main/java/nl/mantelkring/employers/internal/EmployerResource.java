package nl.mantelkring.employers.internal;

import java.net.URI;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.platform.api.Allowed;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.Page;
import nl.mantelkring.platform.api.PageRequest;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.audit.Audited;

/**
 * {@code /gemeenten/{gemeentecode}/werkgevers}: employers the municipality works with. The contact persons are
 * personal data, so every call is audited with the employer's id as the (pseudonymous) subject.
 */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + EmployersModule.ID)
@Path("gemeenten/{gemeentecode}/werkgevers")
@Produces(MediaType.APPLICATION_JSON)
@Allowed(Role.CONSULTANT)
public class EmployerResource implements RestResource {

    static final String RECORD = "werkgever";
    static final String ID_PARAM = "werkgeverId";

    private final EmployerStore store;

    @Activate
    public EmployerResource(@Reference EmployerStore store) {
        this.store = store;
    }

    @GET
    @Audited(activity = "werkgever.zoeken", recordType = RECORD, purpose = EmployersModule.PURPOSE)
    public Page<Employer.View> list(@PathParam("gemeentecode") String tenant, @QueryParam("naam") String name,
                                    @QueryParam("sector") String sector, @QueryParam("kvkNummer") String kvk,
                                    @QueryParam("pagina") String page, @QueryParam("paginaGrootte") String size) {
        PageRequest request = PageRequest.parse(page, size);
        Checks c = new Checks();
        c.code("sector", sector, Employer.SECTORS, false);
        c.matching("kvkNummer", kvk, 8, false, Checks.KVK, "Een KvK-nummer bestaat uit precies 8 cijfers.");
        c.text("naam", name, 200, false);
        c.throwIfAny();
        return store.list(tenant, name, sector, kvk, request);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Audited(activity = "werkgever.registreren", recordType = RECORD, purpose = EmployersModule.PURPOSE)
    public Response create(@PathParam("gemeentecode") String tenant, Employer.Input body) {
        Employer.View e = store.create(tenant, Employer.validate(body));
        return Response.created(URI.create("gemeenten/" + tenant + "/werkgevers/" + e.id())).entity(e).build();
    }

    @GET
    @Path("{werkgeverId}")
    @Audited(activity = "werkgever.lezen", recordType = RECORD, purpose = EmployersModule.PURPOSE, idParam = ID_PARAM)
    public Employer.View get(@PathParam("gemeentecode") String tenant, @PathParam(ID_PARAM) String id) {
        return store.require(tenant, Checks.id(ID_PARAM, id));
    }

    @PUT
    @Path("{werkgeverId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Audited(activity = "werkgever.wijzigen", recordType = RECORD, purpose = EmployersModule.PURPOSE,
            idParam = ID_PARAM)
    public Employer.View update(@PathParam("gemeentecode") String tenant, @PathParam(ID_PARAM) String id,
                                Employer.Input body) {
        Checks.id(ID_PARAM, id);
        Employer.Input in = Employer.validate(body);
        return store.update(tenant, id, in).orElseThrow(() -> ProblemException.notFound("Geen werkgever met dit id."));
    }

    @DELETE
    @Path("{werkgeverId}")
    @Audited(activity = "werkgever.verwijderen", recordType = RECORD, purpose = EmployersModule.PURPOSE,
            idParam = ID_PARAM)
    public Response delete(@PathParam("gemeentecode") String tenant, @PathParam(ID_PARAM) String id) {
        if (!store.delete(tenant, Checks.id(ID_PARAM, id))) {
            throw ProblemException.notFound("Geen werkgever met dit id.");
        }
        return Response.noContent().build();
    }
}
