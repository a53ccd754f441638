package nl.mantelkring.platform.api.ui;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One part of a municipality's public front door, the loket at {@code /loket/{gemeentecode}}, contributed by the
 * bundle that registers this service: a tile on the loket's start page and the page behind it. The platform lists the
 * parts of a municipality at {@code GET /api/v1/gemeenten/{gemeentecode}/loket-onderdelen} (no sign-in): only the
 * parts of modules installed and enabled there (or of {@code MantelkringModule#PLATFORM}), so a module switched off
 * disappears from the loket at once.
 *
 * <p>Like a {@link BackofficePart}, the part's files are resources of the registering bundle under
 * {@link #resourceRoot()}, served at {@code /loket/onderdelen/<id>/<file>}; its ES module defines the custom element
 * {@link #element()}, which the loket shell creates with the attributes {@code gemeentecode}, {@code route} (the rest
 * of the address after the part's id) and {@code basis} (the prefix for links to its own sub-pages). Texts are Dutch
 * at language level B1. A part whose page needs DigiD says so with {@link #signInRequired()}: the shell then asks the
 * visitor to sign in first.
 *
 * @since 1.1
 */
@ConsumerType
public interface LoketPart {

    /** Stable id, lower-case kebab-case and unique in the installation, e.g. {@code zelftest}; in the URL. */
    String id();

    /** The {@code MantelkringModule#id()} this part belongs to, or {@code MantelkringModule#PLATFORM}. */
    String moduleId();

    /** Title in Dutch (B1), the tile's heading and the page's, e.g. {@code Hoe zwaar is uw zorg?}. */
    String title();

    /** One or two sentences in Dutch (B1) on the start page's tile: what the visitor finds or can do here. */
    String summary();

    /** Whether the page needs a DigiD sign-in (the shell offers it first); false for public pages. */
    default boolean signInRequired() {
        return false;
    }

    /** Folder in this bundle holding the part's files, e.g. {@code /loket}. */
    String resourceRoot();

    /** The ES module to load, relative to {@link #resourceRoot()}, e.g. {@code zelftest.js}. */
    String script();

    /** The custom element the script defines; must contain a hyphen, e.g. {@code mk-loket-zelftest}. */
    String element();

    /** Position on the start page and in the menu (low first); ties are ordered by title. */
    default int order() {
        return 500;
    }
}
