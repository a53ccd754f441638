package nl.mantelkring.platform.documents.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import nl.mantelkring.platform.api.policy.PolicyStore;
import nl.mantelkring.platform.api.policy.PolicyVersion;

/** An in-memory policy store (every-year values only) for unit tests. */
final class TestPolicies implements PolicyStore {

    private final Map<String, String> values = new ConcurrentHashMap<>();

    TestPolicies with(String tenant, String key, String value) {
        values.put(tenant + "/" + key, value);
        return this;
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
        with(tenant, key, value);
        return latest(tenant, key, year).orElseThrow();
    }

    @Override
    public List<PolicyVersion> history(String tenant, String key) {
        return latest(tenant, key, null).map(List::of).orElse(List.of());
    }
}
