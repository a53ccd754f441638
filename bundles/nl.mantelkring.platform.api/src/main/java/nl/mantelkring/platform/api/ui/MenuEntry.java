package nl.mantelkring.platform.api.ui;

import java.util.Objects;

/**
 * A menu entry of a {@link BackofficePart}: a label in Dutch and the route (sub-page) it opens; the empty route
 * is the part's start page.
 *
 * @param label the text in the menu, in Dutch, e.g. {@code Registreren}
 * @param route the sub-page, lower-case kebab-case segments separated by {@code /}, or empty
 */
public record MenuEntry(String label, String route) {

    public MenuEntry {
        Objects.requireNonNull(label, "label");
        route = route == null ? "" : route;
        if (label.isBlank()) {
            throw new IllegalArgumentException("A menu entry needs a label");
        }
        if (!route.isEmpty() && !route.matches("[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)*")) {
            throw new IllegalArgumentException("A route is lower-case kebab-case segments: " + route);
        }
    }
}
