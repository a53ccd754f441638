package nl.mantelkring.platform.internal.oidc;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.SubjectType;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP OpenID provider for unit tests (JDK HttpServer): discovery, JWKS (real RSA keys, rotatable), and a
 * token endpoint that checks client authentication, redirect URI and the PKCE S256 challenge of each code.
 */
final class FakeProvider implements AutoCloseable {

    static final String CLIENT = "mantelkring-backoffice";
    static final String SECRET = "backoffice-geheim";

    private record Code(String challenge, String redirectUri, String idToken) {
    }

    private final HttpServer server;
    final String issuer;
    volatile RSAKey key;
    private volatile List<JWK> published;
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final AtomicInteger codeCount = new AtomicInteger();
    final AtomicInteger jwksFetches = new AtomicInteger();

    private final String client;
    private final String secret;

    FakeProvider() throws Exception {
        this(CLIENT, SECRET);
    }

    FakeProvider(String client, String secret) throws Exception {
        this.client = client;
        this.secret = secret;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/test";
        key = newKey("k1");
        published = List.of(key.toPublicJWK());
        server.createContext("/realms/test/.well-known/openid-configuration", this::discovery);
        server.createContext("/realms/test/jwks", ex -> {
            jwksFetches.incrementAndGet();
            send(ex, 200, new JWKSet(published).toString());
        });
        server.createContext("/realms/test/token", this::token);
        server.start();
    }

    static RSAKey newKey(String kid) throws Exception {
        return new RSAKeyGenerator(2048).keyID(kid).generate();
    }

    /** A new signing key, published instead of the old one. */
    void rotate(String kid) throws Exception {
        key = newKey(kid);
        published = List.of(key.toPublicJWK());
    }

    Provider provider() {
        return new Provider(issuer, 2000);
    }

    /** Claims of a valid token for the audience. */
    JWTClaimsSet.Builder claims(String audience) {
        Date now = new Date();
        return new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject("sub-1")
                .issueTime(now).expirationTime(new Date(now.getTime() + 300_000));
    }

    String sign(JWTClaimsSet claims) throws Exception {
        return sign(claims, key, JOSEObjectType.JWT);
    }

    static String sign(JWTClaimsSet claims, RSAKey with, JOSEObjectType type) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).type(type)
                .build(), claims);
        jwt.sign(new RSASSASigner(with));
        return jwt.serialize();
    }

    /** The classic key confusion: HS256 with the provider's public key bytes as the shared secret. */
    String signHmacWithPublicKey(JWTClaimsSet claims) throws Exception {
        byte[] secret = key.toRSAPublicKey().getEncoded();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    static String unsigned(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }

    /**
     * Plays the provider's login page for an authorization URL: checks what the relying party asked, and issues a
     * code whose ID token gets the request's nonce unless {@code edit} changes it.
     *
     * @return the query parameters of the authorization request, plus "code"
     */
    Map<String, String> authorize(URI authorizationUrl, Consumer<JWTClaimsSet.Builder> edit) throws Exception {
        Map<String, String> q = query(authorizationUrl.getRawQuery());
        if (!"code".equals(q.get("response_type")) || !"S256".equals(q.get("code_challenge_method"))
                || q.get("state") == null || q.get("nonce") == null) {
            throw new AssertionError("not an authorization code request with PKCE S256: " + q);
        }
        JWTClaimsSet.Builder b = claims(q.get("client_id")).claim("nonce", q.get("nonce"));
        edit.accept(b);
        String code = "code-" + codeCount.incrementAndGet();
        codes.put(code, new Code(q.get("code_challenge"), q.get("redirect_uri"), sign(b.build())));
        q.put("code", code);
        return q;
    }

    private void discovery(HttpExchange ex) throws IOException {
        try {
            OIDCProviderMetadata md = new OIDCProviderMetadata(new Issuer(issuer), List.of(SubjectType.PUBLIC),
                    URI.create(issuer + "/jwks"));
            md.setAuthorizationEndpointURI(URI.create(issuer + "/auth"));
            md.setTokenEndpointURI(URI.create(issuer + "/token"));
            md.setEndSessionEndpointURI(URI.create(issuer + "/logout"));
            // announces HMAC too, as Keycloak does: the relying party must still refuse it
            md.setIDTokenJWSAlgs(List.of(JWSAlgorithm.RS256, JWSAlgorithm.HS256));
            send(ex, 200, md.toJSONObject().toJSONString());
        } catch (RuntimeException e) {
            send(ex, 500, "{}");
        }
    }

    private void token(HttpExchange ex) throws IOException {
        Map<String, String> form = query(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String expected = "Basic " + Base64.getEncoder().encodeToString((client + ":" + secret)
                .getBytes(StandardCharsets.UTF_8));
        Code code = codes.remove(String.valueOf(form.get("code")));
        if (!expected.equals(auth)) {
            send(ex, 401, "{\"error\":\"invalid_client\"}");
        } else if (code == null || !"authorization_code".equals(form.get("grant_type"))
                || !code.redirectUri().equals(form.get("redirect_uri"))
                || !code.challenge().equals(s256(String.valueOf(form.get("code_verifier"))))) {
            send(ex, 400, "{\"error\":\"invalid_grant\"}");
        } else {
            send(ex, 200, "{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":300,\"id_token\":\""
                    + code.idToken() + "\"}");
        }
    }

    private static String s256(String verifier) {
        try {
            return Base64URL.encode(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII))).toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    static List<String> list(String... s) {
        return new ArrayList<>(List.of(s));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
