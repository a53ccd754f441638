package nl.mantelkring.platform.internal.module;

import java.util.List;

import org.osgi.framework.Bundle;

import nl.mantelkring.platform.api.MantelkringModule;

/** A module service as the platform sees it: its descriptor plus the bundle that registered it. */
public record InstalledModule(MantelkringModule descriptor, Bundle bundle) {

    public String id() {
        return descriptor.id();
    }

    public String version() {
        return bundle.getVersion().toString();
    }

    public List<String> apiPaths() {
        return descriptor.apiPaths();
    }
}
