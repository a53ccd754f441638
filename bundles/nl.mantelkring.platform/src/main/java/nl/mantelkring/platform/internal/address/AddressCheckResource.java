package nl.mantelkring.platform.internal.address;

import java.time.Duration;
import java.time.Year;
import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.annotation.JsonProperty;

import nl.mantelkring.platform.api.Allowed;
import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.RestResource;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.address.Address;
import nl.mantelkring.platform.api.address.AddressVerdict;
import nl.mantelkring.platform.api.address.AddressVerifier;
import nl.mantelkring.platform.api.audit.Audited;
import nl.mantelkring.platform.api.plugin.PluginCallException;
import nl.mantelkring.platform.api.plugin.PluginCalls;
import nl.mantelkring.platform.api.plugin.PluginRegistry;
import nl.mantelkring.platform.api.policy.PolicyStore;
import nl.mantelkring.platform.internal.plugin.PluginRegistryImpl;

/**
 * {@code /gemeenten/{gemeentecode}/adrescontroles}: checks an address with the verifier the tenant's policy
 * selects (key {@code adresverificatie}); the built-in {@code formaat} verifier when the policy names none. Nothing
 * is stored. This is the platform's own use of the plugin mechanism.
 */
@Component(service = RestResource.class,
        property = MantelkringModule.MODULE_PROPERTY + "=" + MantelkringModule.PLATFORM)
@Path("gemeenten/{gemeentecode}/adrescontroles")
@Produces(MediaType.APPLICATION_JSON)
public class AddressCheckResource implements RestResource {

    /** An address in the API. */
    public record AddressDto(@JsonProperty("straat") String street, @JsonProperty("huisnummer") Integer houseNumber,
                             @JsonProperty("huisnummertoevoeging") String addition,
                             @JsonProperty("postcode") String postcode, @JsonProperty("woonplaats") String city) {
        Address toAddress() {
            return new Address(street, houseNumber, addition, postcode, city);
        }

        static AddressDto of(Address a) {
            return a == null ? null : new AddressDto(a.street(), a.houseNumber(), a.addition(), a.postcode(), a.city());
        }
    }

    /** The verdict in the API. */
    public record VerdictDto(@JsonProperty("geldig") boolean valid, @JsonProperty("adres") AddressDto normalised,
                             @JsonProperty("bevindingen") List<FieldViolation> problems) {
    }

    /** How long a verifier may take: the caller (a consultant at a form) waits for it. */
    static final Duration LIMIT = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(AddressCheckResource.class);

    private final PluginRegistry plugins;
    private final PolicyStore policy;
    private final PluginCalls calls = new PluginCalls("mantelkring-adrescontrole", 4, 16);

    @Activate
    public AddressCheckResource(@Reference PluginRegistry plugins, @Reference PolicyStore policy) {
        this.plugins = plugins;
        this.policy = policy;
    }

    @Deactivate
    void deactivate() {
        calls.close();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed({Role.CONSULTANT, Role.MUNICIPAL_ADMIN})
    @Audited(activity = "adres.controleren", recordType = "adres", purpose = "Controle van een opgegeven adres")
    public VerdictDto check(@PathParam("gemeentecode") String tenant, AddressDto body) {
        if (body == null) {
            throw ProblemException.invalid("postcode", "Stuur een adres.");
        }
        int year = Year.now().getValue();
        AddressVerifier verifier = plugins.select(AddressVerifier.class, tenant, AddressVerifier.POLICY_KEY, year,
                AddressVerifier.BUILT_IN);
        String pluginId = policy.current(tenant, AddressVerifier.POLICY_KEY, year).map(PluginRegistryImpl::pluginIdOf)
                .orElse(AddressVerifier.BUILT_IN);
        Address address = body.toAddress();
        AddressVerdict verdict;
        try {
            // a verifier that throws, hangs or answers nothing is the plugin's fault: 503, never a 500 or a hang
            verdict = calls.call(pluginId, LIMIT, () -> verifier.verify(tenant, address));
        } catch (PluginCallException e) {
            if (e.getCause() instanceof ProblemException p) {
                throw p;   // a verifier may refuse with a problem of its own
            }
            LOG.warn("Address verifier {} of tenant {}: {}", pluginId, tenant, e.getMessage());
            throw e.toProblem("Adrescontrole mislukt");
        }
        return new VerdictDto(verdict.valid(), AddressDto.of(verdict.normalised()), verdict.problems());
    }
}
