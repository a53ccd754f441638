package nl.mantelkring.platform.internal.session;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import com.fasterxml.jackson.annotation.JsonProperty;

import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.PublicEndpoint;
import nl.mantelkring.platform.api.RestResource;

/**
 * {@code /aanmeldmethoden}: how staff can sign in here, for the back-office's sign-in page (public): the password
 * form unless it is switched off, and single sign-on when an identity provider is configured ({@link StaffSignIn}).
 */
@Component(service = RestResource.class, property = MantelkringModule.MODULE_PROPERTY + "=" + MantelkringModule.PLATFORM)
@Path("aanmeldmethoden")
@Produces(MediaType.APPLICATION_JSON)
public class SignInMethodResource implements RestResource {

    /** Where the browser starts single sign-on (served by the OpenID Connect part). */
    static final String OIDC_START = "/api/v1/sessies/oidc";

    /** The sign-in options. {@code oidc} is absent without an identity provider. */
    public record SignInMethods(@JsonProperty("wachtwoord") boolean password, @JsonProperty("oidc") Oidc oidc) {
    }

    /** Single sign-on: the provider's name for the button, and where the button leads. */
    public record Oidc(@JsonProperty("naam") String name, @JsonProperty("url") String url) {
    }

    private final SessionStore sessions;
    private volatile StaffSignIn staffSignIn;

    @Activate
    public SignInMethodResource(@Reference SessionStore sessions) {
        this.sessions = sessions;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindStaffSignIn(StaffSignIn s) {
        staffSignIn = s;
    }

    void unbindStaffSignIn(StaffSignIn s) {
        if (staffSignIn == s) {
            staffSignIn = null;
        }
    }

    @GET
    @PublicEndpoint
    public SignInMethods get() {
        StaffSignIn sso = staffSignIn;
        return new SignInMethods(sessions.passwordSignIn(), sso == null ? null : new Oidc(sso.displayName(), OIDC_START));
    }
}
