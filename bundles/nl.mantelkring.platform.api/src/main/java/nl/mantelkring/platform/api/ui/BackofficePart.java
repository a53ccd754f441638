package nl.mantelkring.platform.api.ui;

import java.util.List;
import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

import nl.mantelkring.platform.api.Role;

/**
 * One part (a page with its menu entries) of the back-office, contributed by the bundle that registers this
 * service. The platform lists the parts a user may see at
 * {@code GET /api/v1/gemeenten/{gemeentecode}/backoffice-onderdelen}: only when the user holds one of
 * {@link #roles()} in that municipality and, for a module's part, the module is installed and enabled there.
 *
 * <p>The part's files (its ES module and anything it imports) are resources of the registering bundle under
 * {@link #resourceRoot()}; the platform serves them at {@code /backoffice/onderdelen/<id>/<file>}. The ES module
 * defines the custom element {@link #element()}; the shell creates that element with the attributes
 * {@code gemeentecode} (the municipality chosen) and {@code route} (the part of the address after the part's id,
 * for sub-pages; empty for the part's start page). Registering the service is all a vendor needs: the shell
 * itself does not change.
 *
 * <p>Example: {@code @Component(service = BackofficePart.class)} returning id {@code mantelzorgers}, module
 * {@code registration}, resource root {@code /backoffice}, script {@code mantelzorgers.js}, element
 * {@code mk-mantelzorgers}.
 */
@ConsumerType
public interface BackofficePart {

    /** Stable id, lower-case kebab-case and unique in the installation, e.g. {@code mantelzorgers}; in the URL. */
    String id();

    /**
     * The {@code MantelkringModule#id()} this part belongs to; the part is shown only where that module is
     * installed and enabled. {@code MantelkringModule#PLATFORM} for parts that are always available.
     */
    String moduleId();

    /** Title in Dutch, shown as the page heading and the menu group, e.g. {@code Mantelzorgers}. */
    String title();

    /** The roles (held in the chosen municipality) that see this part; at least one. */
    Set<Role> roles();

    /** Menu entries, in order; the first is the part's start page. At least one. */
    List<MenuEntry> menu();

    /** Folder in this bundle holding the part's files, e.g. {@code /backoffice/registration}. */
    String resourceRoot();

    /** The ES module to load, relative to {@link #resourceRoot()}, e.g. {@code mantelzorgers.js}. */
    String script();

    /** The custom element the script defines; must contain a hyphen, e.g. {@code mk-mantelzorgers}. */
    String element();

    /** Position in the menu (low first); ties are ordered by title. */
    default int order() {
        return 500;
    }
}
