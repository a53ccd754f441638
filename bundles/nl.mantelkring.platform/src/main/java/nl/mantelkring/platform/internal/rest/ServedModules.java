package nl.mantelkring.platform.internal.rest;

import java.util.Set;

import org.osgi.service.component.annotations.Component;

/**
 * Which modules' resources the live REST endpoint serves (for readiness). A component of its own, so that the
 * readiness resource, itself a resource of that endpoint, does not reference the {@link RestServer} back: that
 * cycle made SCR log a circular reference at every start.
 */
@Component(service = ServedModules.class)
public class ServedModules {

    private volatile Set<String> served = Set.of();

    /** Whether the live endpoint serves resources of this module (readiness: its API answers, not 404). */
    public boolean serves(String moduleId) {
        return served.contains(moduleId);
    }

    void set(Set<String> modules) {
        served = Set.copyOf(modules);
    }
}
