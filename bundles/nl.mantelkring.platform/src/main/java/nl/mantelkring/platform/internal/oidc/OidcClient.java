package nl.mantelkring.platform.internal.oidc;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.ACR;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;

/**
 * The authorization code flow with PKCE (S256) against one provider, for one client: {@link #begin} makes the
 * authorization request and keeps state, nonce and code verifier server-side ({@link SignInStates}), bound to the
 * browser by a short-lived cookie; {@link #finish} consumes them once, exchanges the code and validates the ID token
 * (Nimbus {@link IDTokenValidator}: issuer, audience, expiry, nonce, signature by a key of the provider's JWKS with
 * one of the asymmetric algorithms it announces).
 */
final class OidcClient {

    private static final Logger LOG = LoggerFactory.getLogger(OidcClient.class);
    static final int MAX_CLOCK_SKEW_SECONDS = 60;

    /** Where the browser goes, and the value of the cookie that binds the sign-in to it. */
    record Begun(URI authorizationUrl, String browserCookie) {
    }

    /** A completed sign-in: the ID token's claims and where the browser goes next. */
    record Finished(JWTClaimsSet claims, String returnPath) {
    }

    private final Provider provider;
    private final ClientID clientId;
    private final Secret secret;
    private final Scope scope;
    private final String kind;
    private final SignInStates states;
    private final int timeoutMillis;
    /** Asked for in the authorization request ({@code acr_values}, voluntary): the provider picks the means. */
    private final List<ACR> acrValues;

    OidcClient(Provider provider, String clientId, String clientSecret, String scopes, String kind,
               SignInStates states, int timeoutMillis, List<String> acrValues) {
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("clientId is not configured");
        }
        this.provider = provider;
        this.clientId = new ClientID(clientId.strip());
        this.secret = new Secret(clientSecret == null ? "" : clientSecret);
        Scope s = Scope.parse(scopes == null || scopes.isBlank() ? "openid" : scopes.replace(',', ' '));
        if (!s.contains("openid")) {
            s.add("openid");
        }
        this.scope = s;
        this.kind = kind;
        this.states = states;
        this.timeoutMillis = timeoutMillis;
        this.acrValues = acrValues.stream().map(ACR::new).toList();
    }

    Provider provider() {
        return provider;
    }

    ClientID clientId() {
        return clientId;
    }

    Begun begin(URI redirectUri, String returnPath) throws SignInRefused {
        OIDCProviderMetadata md = metadata();
        State state = new State(SignInStates.random());
        Nonce nonce = new Nonce(SignInStates.random());
        CodeVerifier verifier = new CodeVerifier();
        String browser = SignInStates.random();
        states.save(state.getValue(), new SignInStates.Pending(kind, SignInStates.hash(browser), nonce.getValue(),
                verifier.getValue(), redirectUri.toString(), returnPath));
        URI url = new AuthenticationRequest.Builder(new ResponseType(ResponseType.Value.CODE), scope, clientId,
                redirectUri)
                .endpointURI(md.getAuthorizationEndpointURI())
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .acrValues(acrValues.isEmpty() ? null : acrValues)
                .build().toURI();
        return new Begun(url, browser);
    }

    /**
     * Completes the sign-in of the callback. The stored state is consumed first, whatever follows: a callback is
     * never accepted twice.
     */
    Finished finish(String state, String code, String error, String browserCookie) throws SignInRefused {
        SignInStates.Pending pending = states.consume(kind, state)
                .orElseThrow(() -> SignInRefused.badCallback("onbekende, verlopen of al gebruikte state"));
        if (browserCookie == null || !SignInStates.hash(browserCookie).equals(pending.browserHash())) {
            throw SignInRefused.badCallback("callback uit een andere browser (cookie ontbreekt of klopt niet)");
        }
        if (error != null) {
            throw new SignInRefused(403, "identity provider meldt " + (error.matches("[a-z_]{1,40}") ? error : "fout"),
                    "Aanmelden is afgebroken of geweigerd bij de identiteitsaanbieder.");
        }
        if (code == null || code.isBlank()) {
            throw SignInRefused.badCallback("callback zonder code");
        }
        OIDCProviderMetadata md = metadata();
        JWT idToken;
        try {
            TokenRequest request = new TokenRequest(md.getTokenEndpointURI(), new ClientSecretBasic(clientId, secret),
                    new AuthorizationCodeGrant(new AuthorizationCode(code), URI.create(pending.redirectUri()),
                            new CodeVerifier(pending.codeVerifier())));
            HTTPRequest http = request.toHTTPRequest();
            http.setConnectTimeout(timeoutMillis);
            http.setReadTimeout(timeoutMillis);
            TokenResponse response = OIDCTokenResponseParser.parse(http.send());
            if (!response.indicatesSuccess()) {
                String err = response.toErrorResponse().getErrorObject().getCode();
                throw SignInRefused.invalidToken("tokenverzoek geweigerd: "
                        + (err != null && err.matches("[a-z_]{1,40}") ? err : "fout"));
            }
            idToken = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getIDToken();
        } catch (IOException e) {
            LOG.warn("Token endpoint of {} not reachable: {}", provider.issuer(), e.getClass().getSimpleName());
            throw SignInRefused.unavailable("tokenendpoint niet bereikbaar");
        } catch (ParseException | ClassCastException e) {
            throw SignInRefused.invalidToken("onleesbaar tokenantwoord");
        }
        if (idToken == null) {
            throw SignInRefused.invalidToken("geen ID-token");
        }
        return new Finished(validate(idToken, new Nonce(pending.nonce())), pending.returnPath());
    }

    /** Validates an ID token (package-visible for the tests of forged tokens). */
    JWTClaimsSet validate(JWT idToken, Nonce nonce) throws SignInRefused {
        try {
            IDTokenValidator validator = new IDTokenValidator(provider.issuer(), clientId,
                    new JWSVerificationKeySelector<SecurityContext>(Set.copyOf(provider.algorithms()),
                            provider.keys()), null);
            validator.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
            return validator.validate(idToken, nonce).toJWTClaimsSet();
        } catch (Provider.Unavailable e) {
            throw SignInRefused.unavailable("identity provider niet bereikbaar");
        } catch (BadJOSEException | JOSEException | ParseException e) {
            throw SignInRefused.invalidToken("ID-token ongeldig: " + e.getMessage());
        }
    }

    /** The provider's RP-initiated logout URL, or null when it announces none. */
    String endSessionUrl(String postLogoutRedirectUri) {
        try {
            URI endpoint = provider.metadata().getEndSessionEndpointURI();
            if (endpoint == null) {
                return null;
            }
            StringBuilder url = new StringBuilder(endpoint.toString());
            url.append(endpoint.getRawQuery() == null ? '?' : '&').append("client_id=")
                    .append(encode(clientId.getValue()));
            if (postLogoutRedirectUri != null) {
                url.append("&post_logout_redirect_uri=").append(encode(postLogoutRedirectUri));
            }
            return url.toString();
        } catch (Provider.Unavailable e) {
            return null;
        }
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    private OIDCProviderMetadata metadata() throws SignInRefused {
        try {
            return provider.metadata();
        } catch (Provider.Unavailable e) {
            throw SignInRefused.unavailable("identity provider niet bereikbaar");
        }
    }
}
