package nl.mantelkring.platform.internal.oidc;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import javax.ws.rs.core.Cookie;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.UriBuilder;
import javax.ws.rs.core.UriInfo;

/** Minimal JAX-RS request views for calling resources directly in unit tests. */
final class Http {

    static final URI BASE = URI.create("http://127.0.0.1:8181/api/v1/");

    static UriInfo uri(String path) {
        URI request = BASE.resolve(path);
        return (UriInfo) Proxy.newProxyInstance(UriInfo.class.getClassLoader(), new Class<?>[] {UriInfo.class},
                (p, m, a) -> switch (m.getName()) {
                    case "getRequestUri" -> request;
                    case "getBaseUri" -> BASE;
                    case "getBaseUriBuilder" -> UriBuilder.fromUri(BASE);
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    /** Headers with the given cookies (name → value) and headers. */
    static HttpHeaders headers(Map<String, String> cookies, Map<String, String> headers) {
        Map<String, Cookie> c = new HashMap<>();
        cookies.forEach((k, v) -> c.put(k, new Cookie(k, v)));
        return (HttpHeaders) Proxy.newProxyInstance(HttpHeaders.class.getClassLoader(),
                new Class<?>[] {HttpHeaders.class}, (p, m, a) -> switch (m.getName()) {
                    case "getCookies" -> c;
                    case "getHeaderString" -> headers.get((String) a[0]);
                    case "getAcceptableMediaTypes" -> headers.containsKey("Accept")
                            ? java.util.Arrays.stream(headers.get("Accept").split(",")).map(String::strip)
                                    .map(javax.ws.rs.core.MediaType::valueOf).toList()
                            : java.util.List.of(javax.ws.rs.core.MediaType.WILDCARD_TYPE);
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private Http() {
    }
}
