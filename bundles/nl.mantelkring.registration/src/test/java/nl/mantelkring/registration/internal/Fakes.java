package nl.mantelkring.registration.internal;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nl.mantelkring.platform.api.audit.AuditEntry;
import nl.mantelkring.platform.api.audit.AuditLog;
import nl.mantelkring.platform.api.policy.PolicyStore;
import nl.mantelkring.platform.api.policy.PolicyVersion;

/** Small stand-ins for platform services in unit tests. */
final class Fakes {

    static final String DEMO_KEY = "ZGVtby1vbmx5LWtleS1tYW50ZWxrcmluZy0wMDAwMDE=";
    static final String DEMO_LOOKUP = "ZGVtby1vbmx5LWxvb2t1cC1rZXktbWFudGVsa3Jpbmc=";

    static Crypto crypto() {
        return new Crypto("t1", DEMO_KEY, "", DEMO_LOOKUP);
    }

    /** Every-year policy values per tenant and key. */
    static final class Policy implements PolicyStore {
        final Map<String, String> values = new HashMap<>();

        void put(String tenant, String key, String json) {
            values.put(tenant + "|" + key, json);
        }

        @Override
        public Optional<PolicyVersion> current(String tenant, String key, int year) {
            return Optional.ofNullable(values.get(tenant + "|" + key))
                    .map(v -> new PolicyVersion(tenant, key, null, 1, v, "test", Instant.now(), "test"));
        }

        @Override
        public Optional<PolicyVersion> latest(String tenant, String key, Integer year) {
            return current(tenant, key, 0);
        }

        @Override
        public PolicyVersion save(String tenant, String key, Integer year, String value, String by, String reason) {
            put(tenant, key, value);
            return current(tenant, key, 0).orElseThrow();
        }

        @Override
        public List<PolicyVersion> history(String tenant, String key) {
            return current(tenant, key, 0).map(List::of).orElse(List.of());
        }
    }

    /** Keeps entries in memory; in-transaction entries count only when the transaction commits is not modelled. */
    static final class Audit implements AuditLog {
        final List<AuditEntry> entries = new ArrayList<>();

        @Override
        public synchronized long record(AuditEntry entry) {
            entries.add(entry);
            return entries.size();
        }

        @Override
        public synchronized long record(Connection connection, AuditEntry entry) {
            entries.add(entry);
            return entries.size();
        }
    }

    private Fakes() {
    }
}
