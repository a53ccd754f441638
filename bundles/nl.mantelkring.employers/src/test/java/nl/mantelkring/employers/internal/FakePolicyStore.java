package nl.mantelkring.employers.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import nl.mantelkring.platform.api.policy.PolicyStore;
import nl.mantelkring.platform.api.policy.PolicyVersion;

/** Policy in memory: one every-year value per tenant and key. */
final class FakePolicyStore implements PolicyStore {

    private final Map<String, String> values = new ConcurrentHashMap<>();

    void put(String tenant, String key, String json) {
        values.put(tenant + "/" + key, json);
    }

    void clear() {
        values.clear();
    }

    @Override
    public Optional<PolicyVersion> current(String tenant, String key, int year) {
        return latest(tenant, key, null);
    }

    @Override
    public Optional<PolicyVersion> latest(String tenant, String key, Integer year) {
        String v = values.get(tenant + "/" + key);
        return v == null ? Optional.empty()
                : Optional.of(new PolicyVersion(tenant, key, null, 1, v, "test", Instant.now(), null));
    }

    @Override
    public PolicyVersion save(String tenant, String key, Integer year, String value, String changedBy, String reason) {
        put(tenant, key, value);
        return latest(tenant, key, year).orElseThrow();
    }

    @Override
    public List<PolicyVersion> history(String tenant, String key) {
        return latest(tenant, key, null).stream().toList();
    }
}
