package nl.mantelkring.respite.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import nl.mantelkring.platform.api.Anonymous;
import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.Page;
import nl.mantelkring.platform.api.PageRequest;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.QueryValues;
import nl.mantelkring.platform.api.RestResource;

/**
 * {@code /gemeenten/{gemeentecode}/respijtwijzer-aanbod}: the public respite guide (respijtwijzer) of the loket,
 * for anyone without signing in. It runs the staff search ({@link SearchQuery}, {@link SearchIndex}) with the public
 * subset of its filters (postcode, kind, target group, free text) on the active offerings valid today, own and
 * shared with the municipality, and answers with {@link PublicOffering}s: never the provider's contact person.
 * Nothing about the visitor is stored or logged, so there is nothing to audit.
 */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + RespiteModule.ID)
@Path("gemeenten/{gemeentecode}/respijtwijzer-aanbod")
@Produces(MediaType.APPLICATION_JSON)
public class GuideResource implements RestResource {

    /** The largest page an anonymous caller may ask for (the staff search allows {@value PageRequest#MAX_SIZE}). */
    static final int MAX_PAGE_SIZE = 50;
    /** The most values of one repeatable key ({@code soort}, {@code doelgroep}). */
    static final int MAX_VALUES = 20;

    /** One value of a facet: the code, its plain Dutch name, and the number of offerings. */
    public record Facet(@JsonProperty("waarde") String value, @JsonProperty("naam") String name,
                        @JsonProperty("aantal") int count) {
    }

    /** A page of the public search. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Answer(@JsonProperty("aanbod") List<PublicOffering> offerings,
                         @JsonProperty("totaal") long total,
                         @JsonProperty("paginering") Page.Paging paging,
                         @JsonProperty("facetten") Map<String, List<Facet>> facets,
                         @JsonProperty("afstandVanaf") String origin) {
    }

    private final SearchIndex index;
    private final AreaStore areas;

    @Activate
    public GuideResource(@Reference SearchIndex index, @Reference AreaStore areas) {
        this.index = index;
        this.areas = areas;
    }

    /**
     * The public search. A postcode the municipality has no postcode area for is not an error (the visitor cannot
     * know which areas are registered): the answer then has no distances and no {@code afstandVanaf}.
     */
    @GET
    @Anonymous
    public Answer search(@PathParam("gemeentecode") String tenant,
                         @QueryParam("postcode") String postcode,
                         @QueryParam("soort") List<String> kind,
                         @QueryParam("doelgroep") List<String> targetGroup,
                         @QueryParam("zoekterm") String text,
                         @QueryParam("pagina") String page,
                         @QueryParam("paginaGrootte") String pageSize) {
        SearchQuery q = parse(postcode, kind, targetGroup, text, page, pageSize);
        SearchIndex.Point from = q.postcode() == null ? null : areas.origin(tenant, q.postcode()).orElse(null);
        SearchIndex.Result r = index.search(tenant, q, from);
        List<PublicOffering> offerings = r.items().stream()
                .map(h -> PublicOffering.of(h.offering(), h.distanceKm(), from)).toList();
        Map<String, List<Facet>> facets = new LinkedHashMap<>();
        facets.put("soort", facet(Vocabulary.KINDS, Vocabulary.KIND_NAMES, r.facets().get("soort")));
        facets.put("doelgroep", facet(Vocabulary.TARGET_GROUPS, Vocabulary.TARGET_GROUP_NAMES,
                r.facets().get("doelgroep")));
        return new Answer(offerings, r.paging().total(), r.paging(), facets, from == null ? null : from.postcode());
    }

    /** One published offering (active, valid today, own or shared); any other id is 404. */
    @GET
    @Path("{aanbodId}")
    @Anonymous
    public PublicOffering get(@PathParam("gemeentecode") String tenant, @PathParam("aanbodId") String id) {
        OfferingResource.checkId(id);
        return index.published(tenant, id, LocalDate.now()).map(o -> PublicOffering.of(o, null, null))
                .orElseThrow(() -> ProblemException.notFound("Dit respijtaanbod bestaat niet (meer)."));
    }

    /**
     * The public parameters as a staff query: the same parser, with only these keys (so status, validity date and
     * the other filters keep their defaults: active offerings, valid today), a smaller page and bounded lists.
     * Every bad value is named in one 400.
     */
    static SearchQuery parse(String postcode, List<String> kind, List<String> targetGroup, String text,
                             String page, String pageSize) {
        List<FieldViolation> v = new ArrayList<>();
        List<String> kinds = bounded("soort", kind, v);
        List<String> groups = bounded("doelgroep", targetGroup, v);
        Integer size = QueryValues.integer(PageRequest.SIZE_PARAM, pageSize, new ArrayList<>());
        boolean tooLarge = size != null && size > MAX_PAGE_SIZE;
        if (tooLarge) {
            v.add(new FieldViolation(PageRequest.SIZE_PARAM, "Ten hoogste " + MAX_PAGE_SIZE + "."));
        }
        try {
            SearchQuery q = SearchQuery.parse(new SearchQuery.Raw(text, kinds, null, null, groups, null, null, null,
                    null, null, null, null, null, postcode, null, null, null, null, null, page, tooLarge ? null : pageSize));
            if (v.isEmpty()) {
                return q;
            }
        } catch (ProblemException e) {
            v.addAll(e.violations());
        }
        throw ProblemException.invalid(v);
    }

    /** The values of a repeatable key, or null (with a violation) when there are more than {@link #MAX_VALUES}. */
    private static List<String> bounded(String key, List<String> raw, List<FieldViolation> v) {
        if (raw != null && raw.stream().mapToLong(s -> s.split(",", -1).length).sum() > MAX_VALUES) {
            v.add(new FieldViolation(key, "Ten hoogste " + MAX_VALUES + " waarden."));
            return null;
        }
        return raw;
    }

    private static List<Facet> facet(List<String> order, Map<String, String> names, Map<String, Integer> counts) {
        List<Facet> out = new ArrayList<>();
        for (String value : order) {
            Integer n = counts == null ? null : counts.get(value);
            if (n != null && n > 0) {
                out.add(new Facet(value, names.get(value), n));
            }
        }
        return out;
    }
}
