package nl.mantelkring.respite;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * SPI: a source of respite offerings, e.g. a regional social map (sociale kaart). Register an implementation as a
 * DS component with the property {@link nl.mantelkring.platform.api.plugin.Plugins#ID}; a tenant selects it with
 * the policy key {@link #POLICY_KEY} ({@code {"plugin": "<id>"}}). There is no built-in source: a tenant without
 * that policy value does not synchronise.
 *
 * <p>The module calls {@link #fetch(String)} on a schedule (and when an administrator asks for a run) and imports
 * the records exactly as a CSV import: each record is validated on its own, a rejected record never affects the
 * others, and a record is matched to an existing offering of the tenant by its {@code externId}, so a source
 * that returns the same records again changes nothing. Records are owned by the tenant the call is for.
 *
 * <p>Implementations must be thread-safe; they may take a while (they run on the module's own thread), but
 * should give up after a minute.
 */
@ConsumerType
public interface OfferingSource {

    /** Policy key naming the tenant's offering source. */
    String POLICY_KEY = "respijtzorg.bron";

    /**
     * The current offerings of the source for the tenant. Each record maps the CSV column names of the module's
     * import format (README, section Respijtzorg: {@code externId}, {@code titel}, {@code soort},
     * {@code aanbieder.naam}, {@code locatie.lat}, ... ; lists separated by {@code |}) to values; {@code externId}
     * is required. Never returns null.
     *
     * @throws Exception when the source cannot be read; the run is then recorded as failed and nothing changes
     */
    List<Map<String, String>> fetch(String tenant) throws Exception;
}
