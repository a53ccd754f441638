package nl.mantelkring.platform.api.policy;

import java.time.Instant;

/**
 * One version of one policy value.
 *
 * @param tenant    gemeentecode
 * @param key       policy key, e.g. {@code waardering.regels}
 * @param year      the calendar year the value applies to, or {@code null} when it applies to every year
 * @param version   1 for the first value of this key and year, counting up
 * @param value     the value as a JSON document
 * @param changedBy who saved this version
 * @param changedAt when
 * @param reason    why, as the administrator wrote it (may be null)
 */
public record PolicyVersion(String tenant, String key, Integer year, int version, String value, String changedBy,
                            Instant changedAt, String reason) {
}
