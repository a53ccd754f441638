package nl.mantelkring.respite.internal;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
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
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.audit.Audited;

/**
 * {@code /gemeenten/{gemeentecode}/respijtaanbod}: search, read, create, change and delete respite offerings; CSV
 * import and export. Offerings are mostly business data, but the provider's contact person is personal data, so
 * every read and write of a whole offering is audited as processing of personal data; search hits leave the contact
 * person out and are not audited.
 */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + RespiteModule.ID)
@Path("gemeenten/{gemeentecode}/respijtaanbod")
@Produces(MediaType.APPLICATION_JSON)
public class OfferingResource implements RestResource {

    static final String PURPOSE = "Informatie over respijtzorg aan mantelzorgers (Wmo 2015 art. 2.1.1)";
    static final String RECORD = "respijtaanbod";
    static final String CSV = "text/csv";
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final OfferingStore store;
    private final SearchIndex index;
    private final AreaStore areas;
    private final OfferingImporter importer;
    private final SourceSync sync;

    @Activate
    public OfferingResource(@Reference OfferingStore store, @Reference SearchIndex index,
                            @Reference AreaStore areas, @Reference OfferingImporter importer,
                            @Reference SourceSync sync) {
        this.store = store;
        this.index = index;
        this.areas = areas;
        this.importer = importer;
        this.sync = sync;
    }

    /**
     * Search. The hits leave out the provider's contact person (data minimisation), so a search, typically one per
     * keystroke, processes no personal data and writes no audit entry; reading one offering does.
     */
    @GET
    @Allowed({Role.CONSULTANT, Role.MUNICIPAL_ADMIN})
    public SearchIndex.Result search(@PathParam("gemeentecode") String tenant,
                                     @QueryParam("zoekterm") String text,
                                     @QueryParam("soort") List<String> kind,
                                     @QueryParam("zorgplek") List<String> setting,
                                     @QueryParam("uitvoering") List<String> performer,
                                     @QueryParam("doelgroep") List<String> targetGroup,
                                     @QueryParam("vraaggebied") List<String> demandArea,
                                     @QueryParam("financiering") List<String> financing,
                                     @QueryParam("taal") List<String> language,
                                     @QueryParam("status") List<String> status,
                                     @QueryParam("indicatieNodig") String indication,
                                     @QueryParam("leeftijd") String age,
                                     @QueryParam("maxWachttijdWeken") String maxWaiting,
                                     @QueryParam("aanbieder") String provider,
                                     @QueryParam("postcode") String postcode,
                                     @QueryParam("lat") String lat,
                                     @QueryParam("lon") String lon,
                                     @QueryParam("maxAfstandKm") String maxKm,
                                     @QueryParam("sortering") String sort,
                                     @QueryParam("geldigOp") String validOn,
                                     @QueryParam("pagina") String page,
                                     @QueryParam("paginaGrootte") String pageSize) {
        SearchQuery q = SearchQuery.parse(new SearchQuery.Raw(text, kind, setting, performer, targetGroup,
                demandArea, financing, language, status, indication, age, maxWaiting, provider, postcode, lat, lon,
                maxKm, sort, validOn, page, pageSize));
        return index.search(tenant, q, point(tenant, q));
    }

    private SearchIndex.Point point(String tenant, SearchQuery q) {
        if (q.lat() != null) {
            return new SearchIndex.Point(q.lat(), q.lon(), null, false);
        }
        if (q.postcode() == null) {
            return null;
        }
        return areas.origin(tenant, q.postcode()).orElseThrow(() -> ProblemException.invalid("postcode",
                "Dit postcodegebied staat niet in de postcodegebieden van uw gemeente; geef lat en lon."));
    }

    @GET
    @Produces(CSV + ";qs=0.5")
    @Allowed({Role.CONSULTANT, Role.MUNICIPAL_ADMIN})
    @Audited(activity = "respijtaanbod.exporteren", recordType = RECORD, purpose = PURPOSE)
    public Response export(@PathParam("gemeentecode") String tenant) {
        return Response.ok(OfferingCsv.write(store.owned(tenant)), CSV + ";charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"respijtaanbod-" + tenant + ".csv\"").build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed({Role.CONSULTANT, Role.MUNICIPAL_ADMIN})
    @Audited(activity = "respijtaanbod.aanmaken", recordType = RECORD, purpose = PURPOSE)
    public Response create(@PathParam("gemeentecode") String tenant, Offering body,
                           @Context SecurityContext security) {
        Offering valid = valid(body, tenant);
        Offering created = store.create(tenant, valid, security.getUserPrincipal().getName());
        return Response.created(URI.create("gemeenten/" + tenant + "/respijtaanbod/" + created.id()))
                .entity(created).build();
    }

    @GET
    @Path("{aanbodId}")
    @Allowed({Role.CONSULTANT, Role.MUNICIPAL_ADMIN})
    @Audited(activity = "respijtaanbod.lezen", recordType = RECORD, purpose = PURPOSE, idParam = "aanbodId")
    public Offering get(@PathParam("gemeentecode") String tenant, @PathParam("aanbodId") String id) {
        checkId(id);
        return store.find(tenant, id).orElseThrow(() -> ProblemException.notFound("Geen respijtaanbod met dit id."));
    }

    @PUT
    @Path("{aanbodId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed({Role.CONSULTANT, Role.MUNICIPAL_ADMIN})
    @Audited(activity = "respijtaanbod.wijzigen", recordType = RECORD, purpose = PURPOSE, idParam = "aanbodId")
    public Offering update(@PathParam("gemeentecode") String tenant, @PathParam("aanbodId") String id,
                           Offering body, @Context SecurityContext security) {
        checkId(id);
        Offering valid = valid(body, tenant);
        return store.update(tenant, id, valid, security.getUserPrincipal().getName());
    }

    @DELETE
    @Path("{aanbodId}")
    @Allowed({Role.CONSULTANT, Role.MUNICIPAL_ADMIN})
    @Audited(activity = "respijtaanbod.verwijderen", recordType = RECORD, purpose = PURPOSE, idParam = "aanbodId")
    public Response delete(@PathParam("gemeentecode") String tenant, @PathParam("aanbodId") String id,
                           @Context SecurityContext security) {
        checkId(id);
        store.delete(tenant, id, security.getUserPrincipal().getName());
        return Response.noContent().build();
    }

    @POST
    @Path("importen")
    @Consumes(CSV)
    @Allowed(Role.MUNICIPAL_ADMIN)
    @Audited(activity = "respijtaanbod.importeren", recordType = RECORD, purpose = PURPOSE)
    public OfferingImporter.Report importCsv(@PathParam("gemeentecode") String tenant, String body,
                                             @Context SecurityContext security) {
        return importer.importCsv(tenant, body, security.getUserPrincipal().getName());
    }

    @GET
    @Path("synchronisaties")
    @Allowed(Role.MUNICIPAL_ADMIN)
    public SourceSync.Status syncStatus(@PathParam("gemeentecode") String tenant) {
        return sync.status(tenant).orElseThrow(() -> ProblemException.notFound(
                "Er is nog geen synchronisatie met een aanbodbron gedraaid."));
    }

    @POST
    @Path("synchronisaties")
    @Allowed(Role.MUNICIPAL_ADMIN)
    @Audited(activity = "respijtaanbod.synchroniseren", recordType = RECORD, purpose = PURPOSE)
    public SourceSync.Status syncNow(@PathParam("gemeentecode") String tenant, @Context SecurityContext security) {
        return sync.run(tenant, security.getUserPrincipal().getName(), false);
    }

    private static Offering valid(Offering body, String tenant) {
        OfferingValidator.Result r = OfferingValidator.validate(body, tenant);
        if (!r.valid()) {
            throw ProblemException.invalid(r.violations());
        }
        return r.offering();
    }

    static void checkId(String id) {
        if (!ID.matcher(id).matches()) {
            throw ProblemException.invalid("aanbodId", "Een aanbodId is een UUID.");
        }
    }
}
