package nl.mantelkring.platform.api.policy;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads and writes tenant policy. Values are JSON documents; each save adds a version (nothing is overwritten).
 * A value for a specific year takes precedence over the value for every year.
 */
@ProviderType
public interface PolicyStore {

    /** The value in force for the tenant, key and year: the latest version for that year, else for every year. */
    Optional<PolicyVersion> current(String tenant, String key, int year);

    /** The latest version saved for exactly this year ({@code null}: the every-year value). */
    Optional<PolicyVersion> latest(String tenant, String key, Integer year);

    /** Saves a new version; {@code value} must be a JSON document. Returns what was stored. */
    PolicyVersion save(String tenant, String key, Integer year, String value, String changedBy, String reason);

    /** All versions of a key, newest first. */
    List<PolicyVersion> history(String tenant, String key);
}
