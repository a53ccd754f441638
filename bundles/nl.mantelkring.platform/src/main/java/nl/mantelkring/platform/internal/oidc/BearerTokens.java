package nl.mantelkring.platform.internal.oidc;

import java.text.ParseException;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import nl.mantelkring.platform.internal.security.Caller;

/**
 * OAuth2 bearer tokens for API clients: a JWT access token of the staff provider ({@link StaffOidc}), validated with
 * Nimbus {@link DefaultJWTProcessor} against the provider's JWKS: signed with an asymmetric algorithm the provider
 * announces, issuer exact, audience the configured API audience, {@code exp} required and {@code nbf} honoured
 * (60 s clock skew). Roles come from the same claim and mapping as at sign-in, so a client-credentials token of a
 * system integration maps like a user. Without a staff provider every token is refused.
 */
@Component(service = BearerTokens.class)
public class BearerTokens {

    private static final Logger LOG = LoggerFactory.getLogger(BearerTokens.class);
    /** Access token types accepted in the JOSE header: JWT (Keycloak, Entra ID), at+jwt (RFC 9068), or none. */
    private static final DefaultJOSEObjectTypeVerifier<SecurityContext> TYPES = new DefaultJOSEObjectTypeVerifier<>(
            JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), new JOSEObjectType("application/at+jwt"), null);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile StaffOidc staff;

    public BearerTokens() {
    }

    BearerTokens(StaffOidc staff) {
        this.staff = staff;
    }

    /** The caller the token stands for, or empty when it is not valid (or no provider is configured). */
    public Optional<Caller> verify(String jwt) {
        StaffOidc s = staff;
        if (s == null || jwt == null || jwt.isBlank() || jwt.length() > 16_384) {
            return Optional.empty();
        }
        try {
            Provider provider = s.client().provider();
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            processor.setJWSTypeVerifier(TYPES);
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.copyOf(provider.algorithms()),
                    provider.keys()));
            DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                    s.config().apiAudience(), new JWTClaimsSet.Builder().issuer(provider.issuer().getValue()).build(),
                    Set.of("exp", "iss"));
            claims.setMaxClockSkew(OidcClient.MAX_CLOCK_SKEW_SECONDS);
            processor.setJWTClaimsSetVerifier(claims);
            // SignedJWT.parse refuses unsigned (alg: none) tokens before anything else
            JWTClaimsSet set = processor.process(SignedJWT.parse(jwt), null);
            String name = s.userName(set);
            if (name == null) {
                name = firstNonNull(StaffOidc.stringClaim(set, "azp"), StaffOidc.stringClaim(set, "client_id"),
                        set.getSubject());
            }
            if (name == null) {
                return Optional.empty();
            }
            return Optional.of(Caller.fromRealmRoles(name, s.roles(set)));
        } catch (Provider.Unavailable e) {
            return Optional.empty();
        } catch (ParseException | BadJOSEException | JOSEException e) {
            LOG.debug("Bearer token refused: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private static String firstNonNull(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
