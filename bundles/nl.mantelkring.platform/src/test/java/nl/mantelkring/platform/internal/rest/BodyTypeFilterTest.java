package nl.mantelkring.platform.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import javax.ws.rs.Consumes;
import javax.ws.rs.PUT;
import javax.ws.rs.PathParam;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;

import org.junit.jupiter.api.Test;

import nl.mantelkring.platform.api.Problems;

/**
 * A body of a type the method does not read is refused with 415 before CXF looks for a reader (which logged the
 * client's mistake at ERROR: issue 16, item 9).
 */
class BodyTypeFilterTest {

    public static class Sample {
        @PUT
        public void json(@PathParam("id") String id, Map<String, Object> body) {
        }

        @PUT
        @Consumes("text/csv")
        public void csv(String body) {
        }

        @PUT
        public void noBody(@PathParam("id") String id, @Context SecurityContext security) {
        }
    }

    private static Response filter(String methodName, String contentType, String length) throws Exception {
        Method m = Sample.class.getMethod(methodName, methodName.equals("json")
                ? new Class<?>[] {String.class, Map.class} : methodName.equals("csv")
                ? new Class<?>[] {String.class} : new Class<?>[] {String.class, SecurityContext.class});
        BodyTypeFilter filter = new BodyTypeFilter();
        Field f = BodyTypeFilter.class.getDeclaredField("resourceInfo");
        f.setAccessible(true);
        f.set(filter, new ResourceInfo() {
            @Override
            public Method getResourceMethod() {
                return m;
            }

            @Override
            public Class<?> getResourceClass() {
                return Sample.class;
            }
        });
        AtomicReference<Response> aborted = new AtomicReference<>();
        UriInfo uri = (UriInfo) Proxy.newProxyInstance(BodyTypeFilterTest.class.getClassLoader(), new Class<?>[] {UriInfo.class},
                (p, method, args) -> method.getName().equals("getRequestUri") ? URI.create("http://h/api/v1/x") : null);
        ContainerRequestContext ctx = (ContainerRequestContext) Proxy.newProxyInstance(
                BodyTypeFilterTest.class.getClassLoader(), new Class<?>[] {ContainerRequestContext.class},
                (p, method, args) -> switch (method.getName()) {
                    case "getHeaderString" -> "Content-Length".equals(args[0]) ? length
                            : "Content-Type".equals(args[0]) ? contentType : null;
                    case "getMediaType" -> contentType == null ? null : MediaType.valueOf(contentType);
                    case "getUriInfo" -> uri;
                    case "abortWith" -> {
                        aborted.set((Response) args[0]);
                        yield null;
                    }
                    default -> null;
                });
        filter.filter(ctx);
        return aborted.get();
    }

    private static Response filter(String methodName, String contentType) throws Exception {
        return filter(methodName, contentType, "7");
    }

    @Test
    void aBodyWithoutContentTypeIsRefused() throws Exception {
        Response r = filter("json", null);
        assertEquals(415, r.getStatus());
        assertEquals(Problems.UNSUPPORTED_MEDIA_TYPE, ((ProblemBody) r.getEntity()).getType());
    }

    @Test
    void aMethodWithoutConsumesReadsOnlyJson() throws Exception {
        assertEquals(415, filter("json", "text/plain").getStatus());
        assertEquals(415, filter("json", "application/octet-stream").getStatus());
        assertNull(filter("json", "application/json"));
        assertNull(filter("json", "application/json; charset=UTF-8"));
    }

    @Test
    void declaredTypesAreHonoured() throws Exception {
        assertNull(filter("csv", "text/csv"));
        assertEquals(415, filter("csv", "application/json").getStatus());
    }

    @Test
    void requestsWithoutABodyOrMethodsWithoutABodyPass() throws Exception {
        assertNull(filter("json", null, "0"));
        assertNull(filter("json", null, null));
        assertNull(filter("noBody", "text/plain"));
    }
}
