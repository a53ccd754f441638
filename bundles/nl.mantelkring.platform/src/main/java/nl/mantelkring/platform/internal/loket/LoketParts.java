package nl.mantelkring.platform.internal.loket;

import java.net.URL;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.mantelkring.platform.api.ui.LoketPart;
import nl.mantelkring.platform.internal.backoffice.BackofficeParts;

/**
 * The whiteboard of {@link LoketPart} services: which parts of the loket are registered and from which bundle their
 * files are served. A part with an invalid id, element or script name, without title or summary, or whose id is
 * taken, is ignored with a warning (the same rules as for back-office parts).
 */
@Component(service = LoketParts.class, immediate = true)
public class LoketParts {

    private static final Logger LOG = LoggerFactory.getLogger(LoketParts.class);

    /** A registered part and the bundle that serves its files. */
    public record Registered(LoketPart part, Bundle bundle) {
    }

    private final Map<ServiceReference<LoketPart>, Registered> parts = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addPart(ServiceReference<LoketPart> ref, LoketPart part) {
        String problem = problem(part);
        if (problem != null) {
            LOG.warn("Loket part from bundle {} ignored: {}", ref.getBundle().getSymbolicName(), problem);
            return;
        }
        if (parts.values().stream().anyMatch(r -> r.part().id().equals(part.id()))) {
            LOG.warn("Loket part '{}' from bundle {} ignored: the id is taken", part.id(),
                    ref.getBundle().getSymbolicName());
            return;
        }
        parts.put(ref, new Registered(part, ref.getBundle()));
    }

    void removePart(ServiceReference<LoketPart> ref, LoketPart part) {
        parts.remove(ref);
    }

    /** Why the part cannot be used, or null when it can. */
    static String problem(LoketPart part) {
        if (part.id() == null || !BackofficeParts.ID.matcher(part.id()).matches()) {
            return "id '" + part.id() + "' is not lower-case kebab-case";
        }
        if (part.element() == null || !BackofficeParts.ELEMENT.matcher(part.element()).matches()) {
            return "element '" + part.element() + "' is not a valid custom element name";
        }
        if (!BackofficeParts.isPlainFile(part.script())) {
            return "script '" + part.script() + "' is not a relative file name";
        }
        if (part.title() == null || part.title().isBlank() || part.summary() == null || part.summary().isBlank()
                || part.moduleId() == null || part.resourceRoot() == null) {
            return "title, summary, moduleId and resourceRoot are required";
        }
        return null;
    }

    /** Every usable part, in order. */
    public List<Registered> all() {
        return parts.values().stream()
                .sorted(Comparator.comparingInt((Registered r) -> r.part().order())
                        .thenComparing(r -> r.part().title()).thenComparing(r -> r.part().id()))
                .toList();
    }

    public Optional<Registered> find(String id) {
        return parts.values().stream().filter(r -> r.part().id().equals(id)).findFirst();
    }

    /** A file of the part, from its bundle; empty for anything but a plain relative file name that exists. */
    public Optional<URL> file(Registered r, String path) {
        return BackofficeParts.entry(r.bundle(), r.part().resourceRoot(), path);
    }
}
