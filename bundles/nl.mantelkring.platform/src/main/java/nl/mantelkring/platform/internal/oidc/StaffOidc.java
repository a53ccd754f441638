package nl.mantelkring.platform.internal.oidc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import com.nimbusds.jwt.JWTClaimsSet;

import nl.mantelkring.platform.internal.session.StaffSignIn;

/**
 * Single sign-on for staff through the installation's OpenID provider ({@code etc/nl.mantelkring.platform.oidc.staff.cfg};
 * without it there is no staff SSO, and no bearer tokens). Also the source of the provider, audience and role mapping
 * that {@link BearerTokens} uses.
 */
@Component(service = {StaffOidc.class, StaffSignIn.class}, configurationPid = StaffOidc.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = StaffOidc.Config.class)
public class StaffOidc implements StaffSignIn {

    public static final String PID = "nl.mantelkring.platform.oidc.staff";

    @ObjectClassDefinition(name = "Mantelkring single sign-on for staff (OpenID Connect)")
    public @interface Config {
        @AttributeDefinition(description = "Issuer URL of the OpenID provider (its discovery document is"
                + " <issuer>/.well-known/openid-configuration)")
        String issuer();

        @AttributeDefinition(description = "Client id of Mantelkring at the provider")
        String clientId();

        /** Key {@code .clientSecret}: the leading dot keeps it out of the service properties. */
        @AttributeDefinition(description = "Client secret (confidential client)", type = AttributeType.PASSWORD)
        String _clientSecret() default "";

        @AttributeDefinition(description = "Scopes asked for, separated by spaces (openid is always asked)")
        String scopes() default "openid profile";

        @AttributeDefinition(description = "The provider's name on the sign-in button")
        String displayName() default "Single sign-on";

        @AttributeDefinition(description = "Claim with the user's groups or roles (ID token and access tokens)")
        String rolesClaim() default "groups";

        @AttributeDefinition(description = "Claim with the user name")
        String userNameClaim() default "preferred_username";

        @AttributeDefinition(description = "Claim values onto role names, as the LDAP realm's role.mapping:"
                + " Group=role@GM0363,role2;Other=platform-admin. A value that is a role name maps onto itself.")
        String roleMapping() default "";

        @AttributeDefinition(description = "acr values of which the ID token must carry one (e.g. for MFA);"
                + " empty = none required")
        String[] requiredAcr() default {};

        @AttributeDefinition(description = "Audience (aud) that bearer access tokens for the API must carry")
        String apiAudience() default "mantelkring-api";

        @AttributeDefinition(description = "Redirect URI registered at the provider; empty = derived from the"
                + " request (<scheme>://<host>/api/v1/sessies/oidc/terugkeer)")
        String redirectUri() default "";

        @AttributeDefinition(description = "Connect and read timeout towards the provider, in milliseconds")
        int timeoutMillis() default 5000;
    }

    private final OidcClient client;
    private final Config config;
    private final RoleMapping mapping;

    @Activate
    public StaffOidc(Config config, @Reference SignInStates states) {
        this(config, new Provider(config.issuer(), config.timeoutMillis()), states);
        client.provider().resolveInBackground();
    }

    StaffOidc(Config config, Provider provider, SignInStates states) {
        this.config = config;
        this.mapping = RoleMapping.parse(config.roleMapping());
        this.client = new OidcClient(provider, config.clientId(), config._clientSecret(), config.scopes(),
                "STAFF", states, config.timeoutMillis(), values(config.requiredAcr()));
    }

    OidcClient client() {
        return client;
    }

    Config config() {
        return config;
    }

    @Override
    public String displayName() {
        return config.displayName();
    }

    @Override
    public String endSessionUrl(String postLogoutRedirectUri) {
        return client.endSessionUrl(postLogoutRedirectUri);
    }

    /** The user name of a signed-in staff member, or null when the token carries none. */
    String userName(JWTClaimsSet claims) {
        return stringClaim(claims, config.userNameClaim());
    }

    /** The role names from the roles claim through the mapping. */
    Set<String> roles(JWTClaimsSet claims) {
        return mapping.roles(stringList(claims.getClaim(config.rolesClaim())));
    }

    /** Whether the ID token meets the required acr (always, when none is required). */
    boolean acrAccepted(JWTClaimsSet claims) {
        List<String> required = values(config.requiredAcr());
        if (required.isEmpty()) {
            return true;
        }
        String acr = stringClaim(claims, "acr");
        return acr != null && required.contains(acr);
    }

    /** The values of a list setting: each may also hold several, comma separated (as a .cfg line gives them). */
    static List<String> values(String[] setting) {
        List<String> out = new ArrayList<>();
        for (String s : setting == null ? new String[0] : setting) {
            for (String v : s.split(",")) {
                if (!v.isBlank()) {
                    out.add(v.strip());
                }
            }
        }
        return List.copyOf(out);
    }

    static String stringClaim(JWTClaimsSet claims, String name) {
        Object v = claims.getClaim(name);
        return v instanceof String s && !s.isBlank() ? s : null;
    }

    /** A claim as a list of strings: a JSON array of strings, or one string; anything else is no values. */
    static List<String> stringList(Object claim) {
        List<String> out = new ArrayList<>();
        if (claim instanceof String s) {
            out.add(s);
        } else if (claim instanceof Collection<?> c) {
            for (Object o : c) {
                if (o instanceof String s) {
                    out.add(s);
                }
            }
        }
        return out;
    }
}
