package nl.mantelkring.platform.internal.backoffice;

import java.net.URL;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.mantelkring.platform.api.ui.BackofficePart;

/**
 * The whiteboard of {@link BackofficePart} services: which parts are registered and from which bundle their files
 * are served. A part with an invalid id or element name, or whose id is already taken, is ignored with a warning.
 */
@Component(service = BackofficeParts.class, immediate = true)
public class BackofficeParts {

    private static final Logger LOG = LoggerFactory.getLogger(BackofficeParts.class);
    public static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    public static final Pattern ELEMENT = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)+");
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*(/[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*)*");

    /** A registered part and the bundle that serves its files. */
    public record Registered(BackofficePart part, Bundle bundle) {
    }

    private final Map<ServiceReference<BackofficePart>, Registered> parts = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addPart(ServiceReference<BackofficePart> ref, BackofficePart part) {
        String problem = problem(part);
        if (problem != null) {
            LOG.warn("Back-office part from bundle {} ignored: {}", ref.getBundle().getSymbolicName(), problem);
            return;
        }
        if (parts.values().stream().anyMatch(r -> r.part().id().equals(part.id()))) {
            LOG.warn("Back-office part '{}' from bundle {} ignored: the id is taken", part.id(),
                    ref.getBundle().getSymbolicName());
            return;
        }
        parts.put(ref, new Registered(part, ref.getBundle()));
    }

    void removePart(ServiceReference<BackofficePart> ref, BackofficePart part) {
        parts.remove(ref);
    }

    /** Why the part cannot be used, or null when it can. */
    static String problem(BackofficePart part) {
        if (part.id() == null || !ID.matcher(part.id()).matches()) {
            return "id '" + part.id() + "' is not lower-case kebab-case";
        }
        if (part.element() == null || !ELEMENT.matcher(part.element()).matches()) {
            return "element '" + part.element() + "' is not a valid custom element name";
        }
        if (part.script() == null || !FILE.matcher(part.script()).matches()) {
            return "script '" + part.script() + "' is not a relative file name";
        }
        if (part.roles() == null || part.roles().isEmpty() || part.menu() == null || part.menu().isEmpty()) {
            return "a part needs at least one role and one menu entry";
        }
        if (part.title() == null || part.title().isBlank() || part.moduleId() == null
                || part.resourceRoot() == null) {
            return "title, moduleId and resourceRoot are required";
        }
        return null;
    }

    /** Every usable part, in menu order. */
    public List<Registered> all() {
        return parts.values().stream()
                .sorted(Comparator.comparingInt((Registered r) -> r.part().order())
                        .thenComparing(r -> r.part().title()).thenComparing(r -> r.part().id()))
                .toList();
    }

    public Optional<Registered> find(String id) {
        return parts.values().stream().filter(r -> r.part().id().equals(id)).findFirst();
    }

    /**
     * A file of the part, from its bundle, or empty when the path is not a plain relative file name (no
     * {@code ..}, no absolute paths) or the bundle has no such entry.
     */
    public Optional<URL> file(Registered r, String path) {
        if (path == null || !FILE.matcher(path).matches()) {
            return Optional.empty();
        }
        return entry(r.bundle(), r.part().resourceRoot(), path);
    }

    /** A plain relative file below {@code root} in the bundle, or empty. */
    public static Optional<URL> entry(Bundle bundle, String root, String path) {
        if (path == null || !FILE.matcher(path).matches()) {
            return Optional.empty();
        }
        String base = root.endsWith("/") ? root : root + "/";
        try {
            return Optional.ofNullable(bundle.getEntry(base + path));
        } catch (IllegalStateException e) { // bundle uninstalled meanwhile
            return Optional.empty();
        }
    }

    /** Whether a relative file name is acceptable. */
    public static boolean isPlainFile(String path) {
        return path != null && FILE.matcher(path).matches();
    }
}
