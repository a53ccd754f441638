package nl.mantelkring.platform.internal.rest;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.ws.rs.HttpMethod;
import javax.ws.rs.Path;

/**
 * The (HTTP method, path template) pairs of the published resources, to answer a 405 with the methods that the
 * requested path really supports in its {@code Allow} header.
 */
final class RouteTable {

    private record Route(Pattern path, String method) {
    }

    private static final Pattern PARAM = Pattern.compile("\\{\\s*\\w[\\w.-]*\\s*(?::[^}]*)?}");

    private final List<Route> routes = new ArrayList<>();

    RouteTable(Collection<Class<?>> resourceClasses) {
        for (Class<?> c : resourceClasses) {
            Path cp = c.getAnnotation(Path.class);
            if (cp == null) {
                continue;
            }
            for (Method m : c.getMethods()) {
                String http = httpMethod(m);
                if (http == null) {
                    continue;
                }
                Path mp = m.getAnnotation(Path.class);
                routes.add(new Route(regex(cp.value() + (mp == null ? "" : "/" + mp.value())), http));
            }
        }
    }

    /** The methods allowed on the path (relative to the API base), with HEAD and OPTIONS as JAX-RS adds them. */
    Set<String> allowed(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        Set<String> out = new TreeSet<>();
        for (Route r : routes) {
            if (r.path.matcher(p).matches()) {
                out.add(r.method);
            }
        }
        if (out.contains("GET")) {
            out.add("HEAD");
        }
        if (!out.isEmpty()) {
            out.add("OPTIONS");
        }
        return out;
    }

    private static String httpMethod(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod h = a.annotationType().getAnnotation(HttpMethod.class);
            if (h != null) {
                return h.value();
            }
        }
        return null;
    }

    private static Pattern regex(String template) {
        String t = template.replaceAll("/+", "/").replaceAll("^/|/$", "");
        StringBuilder re = new StringBuilder();
        Matcher m = PARAM.matcher(t);
        int last = 0;
        while (m.find()) {
            re.append(Pattern.quote(t.substring(last, m.start()))).append("[^/]+");
            last = m.end();
        }
        re.append(Pattern.quote(t.substring(last)));
        return Pattern.compile(re.toString());
    }
}
