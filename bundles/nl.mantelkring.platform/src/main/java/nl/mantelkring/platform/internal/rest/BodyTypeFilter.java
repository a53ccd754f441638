package nl.mantelkring.platform.internal.rest;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import javax.annotation.Priority;
import javax.ws.rs.BeanParam;
import javax.ws.rs.Consumes;
import javax.ws.rs.CookieParam;
import javax.ws.rs.FormParam;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.MatrixParam;
import javax.ws.rs.PathParam;
import javax.ws.rs.Priorities;
import javax.ws.rs.QueryParam;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.container.Suspended;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;

import nl.mantelkring.platform.api.Problems;

/**
 * Refuses a request body whose media type the resource method does not consume (415), before the body is read: a
 * body without {@code Content-Type}, or one that matched only through a wildcard, would otherwise reach CXF's reader
 * lookup, which finds no reader and logs that client's mistake at ERROR. A method without {@code @Consumes} reads
 * JSON, like the rest of the API. Runs after authentication and authorisation, so that they answer first.
 */
@Priority(Priorities.HEADER_DECORATOR)
public class BodyTypeFilter implements ContainerRequestFilter {

    private static final Set<Class<? extends Annotation>> NOT_THE_BODY = Set.of(PathParam.class, QueryParam.class,
            HeaderParam.class, CookieParam.class, MatrixParam.class, FormParam.class, BeanParam.class, Context.class,
            Suspended.class);

    /** Per resource method: the media types it reads its body as, or empty when it takes no body. */
    private final Map<Method, Optional<List<MediaType>>> consumed = new ConcurrentHashMap<>();

    @Context
    private ResourceInfo resourceInfo;

    @Override
    public void filter(ContainerRequestContext ctx) {
        Method method = resourceInfo == null ? null : resourceInfo.getResourceMethod();
        if (method == null || !hasBody(ctx)) {
            return;
        }
        Class<?> resourceClass = resourceInfo.getResourceClass();
        Optional<List<MediaType>> types = consumed.computeIfAbsent(method, m -> bodyTypes(m, resourceClass));
        if (types.isEmpty()) {
            return;
        }
        MediaType given = mediaType(ctx);
        if (given != null && types.get().stream().anyMatch(t -> t.isCompatible(given))) {
            return;
        }
        String expected = types.get().stream().map(t -> t.getType() + "/" + t.getSubtype())
                .collect(Collectors.joining(" of "));
        ctx.abortWith(ProblemResponses.of(415, Problems.UNSUPPORTED_MEDIA_TYPE, "Mediatype niet ondersteund",
                (given == null ? "Het verzoek noemt geen Content-Type" : "Deze resource leest geen " + given.getType()
                        + "/" + given.getSubtype()) + "; stuur de inhoud als " + expected + ".", null,
                ctx.getUriInfo().getRequestUri().getRawPath()));
    }

    /** The request announces a body: a positive length, or a transfer coding (chunked) without a length. */
    static boolean hasBody(ContainerRequestContext ctx) {
        String length = ctx.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            try {
                return Long.parseLong(length.trim()) > 0;
            } catch (NumberFormatException e) {
                return true; // PreMatchFilter refuses it before this
            }
        }
        return ctx.getHeaderString("Transfer-Encoding") != null;
    }

    private static MediaType mediaType(ContainerRequestContext ctx) {
        try {
            return ctx.getMediaType();
        } catch (RuntimeException e) {
            return null; // an unparsable Content-Type names no type this API reads
        }
    }

    /** The types the method reads its body as: its {@code @Consumes}, its class's, else JSON; empty without a body. */
    static Optional<List<MediaType>> bodyTypes(Method method, Class<?> resourceClass) {
        boolean takesBody = Arrays.stream(method.getParameterAnnotations())
                .anyMatch(as -> Arrays.stream(as).noneMatch(a -> NOT_THE_BODY.contains(a.annotationType())));
        if (!takesBody) {
            return Optional.empty();
        }
        Consumes c = method.getAnnotation(Consumes.class);
        if (c == null) {
            c = resourceClass.getAnnotation(Consumes.class);
        }
        if (c == null) {
            return Optional.of(List.of(MediaType.APPLICATION_JSON_TYPE));
        }
        return Optional.of(Arrays.stream(c.value()).flatMap(v -> Arrays.stream(v.split(",")))
                .map(v -> MediaType.valueOf(v.trim())).toList());
    }
}
