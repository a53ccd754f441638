package nl.mantelkring.platform.internal.rest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.annotation.Priority;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.HttpHeaders;

import nl.mantelkring.platform.api.Problems;

/**
 * First on every request: assigns the correlation id (from W3C {@code traceparent}, else
 * {@code X-Correlation-ID}, else new), refuses trailing slashes with 404 (no redirect), and enforces the request
 * body limit (413) both on the declared length and while the body is read.
 */
@PreMatching
@Priority(100)
public class PreMatchFilter implements ContainerRequestFilter {

    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final Pattern CORRELATION = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final long maxBodyBytes;

    public PreMatchFilter(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
        BodyTooLargeException.limit = maxBodyBytes;
    }

    @Override
    public void filter(ContainerRequestContext ctx) {
        ctx.setProperty(RequestAttributes.START_NANOS, System.nanoTime());
        String correlationId = correlationId(ctx);
        ctx.setProperty(RequestAttributes.CORRELATION_ID, correlationId);
        // resources read the effective id with @HeaderParam(RestResource.CORRELATION_HEADER)
        ctx.getHeaders().putSingle(ApiInfo.CORRELATION_HEADER, correlationId);
        String path = ctx.getUriInfo().getRequestUri().getRawPath();
        // the endpoint is reachable through CXF's own servlet too (etc/org.apache.cxf.osgi.cfg): only /api/v1 serves
        if (!ctx.getUriInfo().getBaseUri().getRawPath().equals(RestServer.API_ALIAS + "/")) {
            ctx.abortWith(ProblemResponses.of(404, Problems.NOT_FOUND, "Niet gevonden",
                    "Er is geen resource op dit pad. De API staat onder /api/v1.", null, path));
            return;
        }
        if (path.endsWith("/")) {
            ctx.abortWith(ProblemResponses.of(404, Problems.NOT_FOUND, "Niet gevonden",
                    "Paden eindigen niet op een schuine streep; laat die weg.", null, path));
            return;
        }
        String length = ctx.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > maxBodyBytes) {
                    ctx.abortWith(ProblemResponses.of(413, Problems.TOO_LARGE, "Verzoek te groot",
                            "Het verzoek is groter dan " + BodyTooLargeException.describeLimit() + ".", null, path));
                    return;
                }
            } catch (NumberFormatException e) {
                ctx.abortWith(ProblemResponses.of(400, Problems.MALFORMED, "Onleesbaar verzoek",
                        "De Content-Length-header is ongeldig.", null, path));
                return;
            }
        }
        if (ctx.hasEntity()) {
            ctx.setEntityStream(new LimitedInputStream(ctx.getEntityStream(), maxBodyBytes));
        }
    }

    private static String correlationId(ContainerRequestContext ctx) {
        return correlationId(ctx.getHeaderString("traceparent"), ctx.getHeaderString(ApiInfo.CORRELATION_HEADER));
    }

    /** The trace-id of a valid W3C {@code traceparent}, else a valid given {@code X-Correlation-ID}, else a new id. */
    static String correlationId(String traceparent, String given) {
        if (traceparent != null) {
            var m = TRACEPARENT.matcher(traceparent.trim());
            if (m.matches()) {
                return m.group(1);
            }
        }
        if (given != null && CORRELATION.matcher(given).matches()) {
            return given;
        }
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** Counts bytes as they are read and fails once the limit is passed. */
    static final class LimitedInputStream extends FilterInputStream {
        private final long limit;
        private long count;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        private void add(long n) throws BodyTooLargeException {
            count += n;
            if (count > limit) {
                throw new BodyTooLargeException();
            }
        }
    }
}
