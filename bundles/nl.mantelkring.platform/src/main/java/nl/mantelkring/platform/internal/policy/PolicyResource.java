package nl.mantelkring.platform.internal.policy;

import java.time.Instant;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import nl.mantelkring.platform.api.Allowed;
import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.Page;
import nl.mantelkring.platform.api.PageRequest;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.QueryValues;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.audit.Audited;
import nl.mantelkring.platform.api.policy.PolicyValidator;
import nl.mantelkring.platform.api.policy.PolicyVersion;
import nl.mantelkring.platform.api.format.MultiLine;
import nl.mantelkring.platform.internal.module.ModuleRegistry;

/**
 * {@code /gemeenten/{gemeentecode}/beleid}: the tenant's policy, as versioned JSON values per key and optionally
 * per calendar year. Module enablement ({@code module.*}) is policy too but is changed only through
 * {@code /modules}, which checks that the module exists.
 */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + MantelkringModule.PLATFORM)
@Path("gemeenten/{gemeentecode}/beleid")
@Produces(MediaType.APPLICATION_JSON)
public class PolicyResource implements RestResource {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9]*([.-][a-z0-9]+)*");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One version of a policy value. */
    public record PolicyView(@JsonProperty("sleutel") String key, @JsonProperty("jaar") Integer year,
                             @JsonProperty("versie") int version, @JsonProperty("waarde") JsonNode value,
                             @JsonProperty("gewijzigdDoor") String changedBy,
                             @JsonProperty("gewijzigdOp") Instant changedAt, @JsonProperty("reden") String reason) {
        static PolicyView of(PolicyVersion v) {
            try {
                return new PolicyView(v.key(), v.year(), v.version(), JSON.readTree(v.value()), v.changedBy(),
                        v.changedAt(), v.reason());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored policy is not JSON", e);
            }
        }
    }

    /** Body of a save. */
    public record PolicyChange(@JsonProperty("jaar") Integer year, @JsonProperty("waarde") JsonNode value,
                               @MultiLine @JsonProperty("reden") String reason) {
    }

    private final PolicyStoreImpl store;
    private final java.util.Map<org.osgi.framework.ServiceReference<PolicyValidator>, PolicyValidator> validators =
            new java.util.concurrent.ConcurrentHashMap<>();

    @Activate
    public PolicyResource(@Reference PolicyStoreImpl store) {
        this.store = store;
    }

    @Reference(cardinality = org.osgi.service.component.annotations.ReferenceCardinality.MULTIPLE,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC)
    void addValidator(org.osgi.framework.ServiceReference<PolicyValidator> ref, PolicyValidator validator) {
        validators.put(ref, validator);
    }

    void removeValidator(org.osgi.framework.ServiceReference<PolicyValidator> ref) {
        validators.remove(ref);
    }

    /** The module's checks of a value for its key (PolicyValidator): each problem as {@code waarde.<path>}. */
    private List<FieldViolation> validate(String tenant, String key, Integer year, String value) {
        List<FieldViolation> out = new ArrayList<>();
        for (java.util.Map.Entry<org.osgi.framework.ServiceReference<PolicyValidator>, PolicyValidator> e
                : validators.entrySet()) {
            Object keys = e.getKey().getProperty(PolicyValidator.KEY);
            List<String> names = keys instanceof String[] a ? List.of(a)
                    : keys instanceof java.util.Collection<?> c ? c.stream().map(String::valueOf).toList()
                    : keys == null ? List.of() : List.of(String.valueOf(keys));
            if (names.contains(key)) {
                for (FieldViolation f : e.getValue().validate(tenant, key, year, value)) {
                    out.add(new FieldViolation(f.field().isEmpty() ? "waarde" : "waarde." + f.field(), f.reason()));
                }
            }
        }
        return out;
    }

    @GET
    @Allowed({Role.MUNICIPAL_ADMIN, Role.CONSULTANT})
    public Page<PolicyView> list(@PathParam("gemeentecode") String tenant, @QueryParam("pagina") String page,
                                 @QueryParam("paginaGrootte") String pageSize) {
        PageRequest p = PageRequest.parse(page, pageSize);
        return Page.slice(store.latestPerKey(tenant, ModuleRegistry.POLICY_PREFIX).stream()
                .map(PolicyView::of).toList(), p);
    }

    @GET
    @Path("{sleutel}")
    @Allowed({Role.MUNICIPAL_ADMIN, Role.CONSULTANT})
    public PolicyView get(@PathParam("gemeentecode") String tenant, @PathParam("sleutel") String key,
                          @QueryParam("jaar") String yearParam) {
        checkKey(key, false);
        Integer year = QueryValues.integer("jaar", yearParam);
        int y = year == null ? Year.now().getValue() : checkYear(year);
        return store.current(tenant, key, y).map(PolicyView::of).orElseThrow(() -> ProblemException.notFound(
                "Er is geen beleid '" + key + "' vastgelegd dat geldt in " + y + "."));
    }

    @PUT
    @Path("{sleutel}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Role.MUNICIPAL_ADMIN)
    @Audited(activity = "beleid.wijzigen", recordType = "beleid", purpose = "Vaststellen van gemeentelijk beleid",
            personalData = false, idParam = "sleutel")
    public PolicyView put(@PathParam("gemeentecode") String tenant, @PathParam("sleutel") String key,
                          PolicyChange body, @Context SecurityContext security) {
        checkKey(key, true);
        List<FieldViolation> v = new ArrayList<>();
        if (body == null || body.value() == null || body.value().isNull()) {
            v.add(new FieldViolation("waarde", "Geef de waarde van het beleid als JSON."));
        } else if (body.value().toString().length() > 200_000) {
            v.add(new FieldViolation("waarde", "De waarde is groter dan 200.000 tekens."));
        }
        if (body != null && body.year() != null && (body.year() < 2000 || body.year() > 2100)) {
            v.add(new FieldViolation("jaar", "Een jaar ligt tussen 2000 en 2100; laat het weg voor alle jaren."));
        }
        if (body != null && body.reason() != null && body.reason().length() > 1000) {
            v.add(new FieldViolation("reden", "Een reden is hoogstens 1000 tekens."));
        }
        if (v.isEmpty()) {
            v.addAll(validate(tenant, key, body.year(), body.value().toString()));
        }
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        return PolicyView.of(store.save(tenant, key, body.year(), body.value().toString(),
                security.getUserPrincipal().getName(), body.reason()));
    }

    @GET
    @Path("{sleutel}/versies")
    @Allowed({Role.MUNICIPAL_ADMIN, Role.CONSULTANT})
    public Page<PolicyView> versions(@PathParam("gemeentecode") String tenant, @PathParam("sleutel") String key,
                                     @QueryParam("pagina") String page,
                                     @QueryParam("paginaGrootte") String pageSize) {
        checkKey(key, false);
        PageRequest p = PageRequest.parse(page, pageSize);
        return Page.slice(store.history(tenant, key).stream().map(PolicyView::of).toList(), p);
    }

    private static void checkKey(String key, boolean forWrite) {
        if (key.length() > 100 || !KEY.matcher(key).matches()) {
            throw ProblemException.invalid("sleutel",
                    "Een beleidssleutel bestaat uit kleine letters en cijfers, gescheiden door punten of streepjes.");
        }
        if (forWrite && key.startsWith(ModuleRegistry.POLICY_PREFIX)) {
            throw ProblemException.invalid("sleutel", "Modules schakelt u via /gemeenten/{gemeentecode}/modules.");
        }
    }

    private static int checkYear(int year) {
        if (year < 2000 || year > 2100) {
            throw ProblemException.invalid("jaar", "Een jaar ligt tussen 2000 en 2100.");
        }
        return year;
    }
}
