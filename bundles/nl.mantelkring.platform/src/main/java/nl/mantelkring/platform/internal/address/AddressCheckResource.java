package nl.mantelkring.platform.internal.address;

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
import org.osgi.service.component.annotations.Reference;

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
import nl.mantelkring.platform.api.plugin.PluginRegistry;

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

    private final PluginRegistry plugins;

    @Activate
    public AddressCheckResource(@Reference PluginRegistry plugins) {
        this.plugins = plugins;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed({Role.CONSULTANT, Role.MUNICIPAL_ADMIN})
    @Audited(activity = "adres.controleren", recordType = "adres", purpose = "Controle van een opgegeven adres")
    public VerdictDto check(@PathParam("gemeentecode") String tenant, AddressDto body) {
        if (body == null) {
            throw ProblemException.invalid("postcode", "Stuur een adres.");
        }
        AddressVerifier verifier = plugins.select(AddressVerifier.class, tenant, AddressVerifier.POLICY_KEY,
                Year.now().getValue(), AddressVerifier.BUILT_IN);
        AddressVerdict verdict = verifier.verify(tenant, body.toAddress());
        if (verdict == null) {
            throw new IllegalStateException("address verifier returned null");
        }
        return new VerdictDto(verdict.valid(), AddressDto.of(verdict.normalised()), verdict.problems());
    }
}
