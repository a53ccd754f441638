package nl.mantelkring.respite.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.annotation.Annotation;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.audit.AuditEntry;
import nl.mantelkring.platform.api.audit.AuditLog;
import nl.mantelkring.platform.api.plugin.PluginInfo;
import nl.mantelkring.platform.api.plugin.PluginRegistry;
import nl.mantelkring.platform.api.plugin.PluginUnavailableException;
import nl.mantelkring.platform.api.policy.PolicyStore;
import nl.mantelkring.platform.api.policy.PolicyVersion;
import nl.mantelkring.respite.OfferingSource;

class SourceSyncTest {

    final Map<String, String> policies = new HashMap<>();
    final Map<String, OfferingSource> sources = new HashMap<>();
    final List<AuditEntry> audit = new ArrayList<>();
    final OfferingStore store = new OfferingStore(new TestDatabase());

    final SourceSync sync = new SourceSync(new PluginRegistry() {
        @Override
        public <T> Optional<T> find(Class<T> spi, String tenant, String pluginId) {
            return Optional.ofNullable(spi.cast(sources.get(tenant + "/" + pluginId)));
        }

        @Override
        public <T> T select(Class<T> spi, String tenant, String policyKey, int year, String defaultPluginId) {
            String id = policies.get(tenant).replaceAll(".*\"plugin\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            return find(spi, tenant, id).orElseThrow(() -> new PluginUnavailableException(policyKey, id));
        }

        @Override
        public List<PluginInfo> available(Class<?> spi, String tenant) {
            return List.of();
        }

        @Override
        public List<PluginInfo> available(String tenant) {
            return List.of();
        }
    }, new PolicyStore() {
        @Override
        public Optional<PolicyVersion> current(String tenant, String key, int year) {
            return Optional.ofNullable(policies.get(tenant)).map(v -> new PolicyVersion(tenant, key, null, 1, v,
                    "test", Instant.now(), null));
        }

        @Override
        public Optional<PolicyVersion> latest(String tenant, String key, Integer year) {
            return current(tenant, key, 0);
        }

        @Override
        public PolicyVersion save(String tenant, String key, Integer year, String value, String by, String reason) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<PolicyVersion> history(String tenant, String key) {
            return List.of();
        }
    }, new OfferingImporter(store), store, new AuditLog() {
        @Override
        public long record(AuditEntry entry) {
            audit.add(entry);
            return audit.size();
        }

        @Override
        public long record(Connection connection, AuditEntry entry) {
            return record(entry);
        }
    }, new SourceSync.Config() {
        @Override
        public int intervalMinutes() {
            return 0;
        }

        @Override
        public int fetchTimeoutSeconds() {
            return 1;
        }

        @Override
        public Class<? extends Annotation> annotationType() {
            return SourceSync.Config.class;
        }
    });

    static Map<String, String> record(String externalId, String title) {
        return Map.of("externId", externalId, "titel", title, "soort", "dagopvang", "zorgplek", "locatie",
                "uitvoering", "professioneel", "doelgroepen", "dementie", "financiering", "wlz", "aanbieder.naam",
                "De Linde", "locatie.lat", "52.1", "locatie.lon", "5.1");
    }

    @Test
    void aRunImportsTheSourceAndTheScheduleRepeatsItForTenantsThatRanOnce() {
        List<List<Map<String, String>>> feeds = new ArrayList<>(List.of(
                List.of(record("k1", "Dagopvang Een"), Map.of("externId", "k2", "titel", "Kapot")),
                List.of(record("k1", "Dagopvang Een (nieuw)"), record("k3", "Dagopvang Drie"))));
        sources.put("GM0344/sociale-kaart", tenant -> feeds.remove(0));
        policies.put("GM0344", "{\"plugin\": \"sociale-kaart\"}");
        assertEquals(409, assertThrows(ProblemException.class, () -> sync.run("GM0363", "x", false)).status());
        SourceSync.Status first = sync.run("GM0344", "beheerder", false);
        assertEquals(1, first.created());
        assertEquals(1, first.rejected());
        assertEquals("k2", first.rejectedRows().get(0).externalId());
        assertEquals(List.of(), audit);                           // the resource method audits a manual run
        sync.runScheduled();                                      // GM0344 is on the schedule now
        SourceSync.Status second = sync.status("GM0344").orElseThrow();
        assertEquals(1, second.created());
        assertEquals(1, second.updated());
        assertEquals(List.of("Dagopvang Drie", "Dagopvang Een (nieuw)"), store.owned("GM0344").stream()
                .map(Offering::title).sorted().toList());
        assertEquals(1, audit.size());
        assertEquals(SourceSync.ACTOR, audit.get(0).actor());
        assertEquals("respijtaanbod.synchroniseren", audit.get(0).activity());
        assertEquals("geslaagd", audit.get(0).outcome());
    }

    @Test
    void aHangingSourceFailsTheRunAtTheLimitAndChangesNothing() {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        sources.put("GM0344/traag", tenant -> {
            release.await();
            return List.of(record("k1", "Te laat"));
        });
        policies.put("GM0344", "{\"plugin\": \"traag\"}");
        try {
            SourceSync.Status failed = sync.run("GM0344", "beheerder", true);
            assertEquals("mislukt", failed.outcome());
            assertEquals("Plugin 'traag' gaf geen antwoord binnen 1 seconde. Er is niets gewijzigd.", failed.message());
            assertEquals(List.of(), store.owned("GM0344"));
            assertEquals("mislukt", audit.get(0).outcome());
        } finally {
            release.countDown();
        }
    }

    @Test
    void aFailingSourceChangesNothingAndAMissingPluginIsRefused() {
        sources.put("GM0344/stuk", tenant -> {
            throw new java.io.IOException("timeout");
        });
        policies.put("GM0344", "{\"plugin\": \"stuk\"}");
        SourceSync.Status failed = sync.run("GM0344", "beheerder", true);
        assertEquals("mislukt", failed.outcome());
        assertEquals(List.of(), store.owned("GM0344"));
        assertEquals("mislukt", audit.get(0).outcome());
        policies.put("GM0344", "{\"plugin\": \"weg\"}");
        assertEquals(503, assertThrows(ProblemException.class, () -> sync.run("GM0344", "x", false)).status());
    }
}
