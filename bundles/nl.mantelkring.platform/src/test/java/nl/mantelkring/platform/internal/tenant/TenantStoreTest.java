package nl.mantelkring.platform.internal.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nl.mantelkring.platform.api.Page;
import nl.mantelkring.platform.api.PageRequest;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.Problems;
import nl.mantelkring.platform.internal.H2TestSupport;

class TenantStoreTest extends H2TestSupport {

    private TenantStore store;

    @BeforeEach
    void setUp() {
        store = new TenantStore(db);
    }

    @Test
    void createdTenantCanBeFound() {
        Tenant created = store.create("GM0363", "Amsterdam", TenantStatus.ACTIVE);
        assertEquals("GM0363", created.code());
        assertEquals("Amsterdam", created.name());
        assertEquals(TenantStatus.ACTIVE, created.status());
        assertEquals(created.createdAt(), created.updatedAt());

        assertEquals(created, store.find("GM0363").orElseThrow());
        assertTrue(store.find("GM0344").isEmpty());
    }

    @Test
    void statusIsStoredByItsApiName() {
        store.create("GM0344", "Utrecht", TenantStatus.INACTIVE);
        assertEquals(TenantStatus.INACTIVE, store.find("GM0344").orElseThrow().status());
        assertEquals(1, db.execute("update tenant set name = name where code = 'GM0344' and status = 'inactief'"));
    }

    @Test
    void duplicateCodeIsAConflict() {
        store.create("GM0363", "Amsterdam", TenantStatus.ACTIVE);
        ProblemException e = assertThrows(ProblemException.class,
                () -> store.create("GM0363", "Nog eens", TenantStatus.INACTIVE));
        assertEquals(409, e.status());
        assertEquals(Problems.CONFLICT, e.type());
        assertTrue(e.detail().contains("GM0363"), e.detail());
        assertEquals("Amsterdam", store.find("GM0363").orElseThrow().name(), "original untouched");
    }

    @Test
    void createAfterNegativeLookupIsVisibleAtOnce() {
        assertTrue(store.find("GM0363").isEmpty()); // caches the miss
        store.create("GM0363", "Amsterdam", TenantStatus.ACTIVE);
        assertTrue(store.find("GM0363").isPresent());
    }

    @Test
    void listPagesOrderedByCode() {
        for (String code : List.of("GM0005", "GM0003", "GM0001", "GM0004", "GM0002")) {
            store.create(code, "Gemeente " + code, TenantStatus.ACTIVE);
        }
        Page<Tenant> p1 = store.list(PageRequest.of(1, 2), null);
        assertEquals(List.of("GM0001", "GM0002"), codes(p1));
        assertEquals(new Page.Paging(1, 2, 5, 3), p1.paging());
        assertEquals(List.of("GM0003", "GM0004"), codes(store.list(PageRequest.of(2, 2), null)));
        Page<Tenant> p3 = store.list(PageRequest.of(3, 2), null);
        assertEquals(List.of("GM0005"), codes(p3));
        assertEquals(5, p3.paging().total());
        assertTrue(store.list(PageRequest.of(4, 2), null).items().isEmpty());
    }

    @Test
    void listCanBeRestrictedToGivenCodes() {
        for (String code : List.of("GM0001", "GM0002", "GM0003", "GM0004")) {
            store.create(code, "Gemeente " + code, TenantStatus.ACTIVE);
        }
        Page<Tenant> p = store.list(PageRequest.of(1, 20), Set.of("GM0004", "GM0002", "GM9999"));
        assertEquals(List.of("GM0002", "GM0004"), codes(p));
        assertEquals(2, p.paging().total());

        Page<Tenant> paged = store.list(PageRequest.of(2, 1), List.of("GM0001", "GM0003", "GM0004"));
        assertEquals(List.of("GM0003"), codes(paged));
        assertEquals(new Page.Paging(2, 1, 3, 3), paged.paging());
    }

    @Test
    void listRestrictedToNoCodesIsEmpty() {
        store.create("GM0001", "Een", TenantStatus.ACTIVE);
        Page<Tenant> p = store.list(PageRequest.of(1, 20), Set.of());
        assertTrue(p.items().isEmpty());
        assertEquals(0, p.paging().total());
    }

    @Test
    void updateChangesNameAndStatusAndIsVisibleAtOnce() throws Exception {
        Tenant created = store.create("GM0363", "Amsterdam", TenantStatus.ACTIVE);
        assertEquals("Amsterdam", store.find("GM0363").orElseThrow().name()); // cached
        Thread.sleep(5);

        Tenant updated = store.update("GM0363", "Gemeente Amsterdam", TenantStatus.INACTIVE).orElseThrow();
        assertEquals("Gemeente Amsterdam", updated.name());
        assertEquals(TenantStatus.INACTIVE, updated.status());
        assertEquals(created.createdAt(), updated.createdAt());
        assertTrue(updated.updatedAt().isAfter(created.updatedAt()));
        assertEquals(updated, store.find("GM0363").orElseThrow());
        assertEquals("Gemeente Amsterdam", store.list(PageRequest.of(1, 20), null).items().get(0).name());
    }

    @Test
    void updateOfUnknownTenantIsEmpty() {
        assertTrue(store.update("GM0363", "Amsterdam", TenantStatus.ACTIVE).isEmpty());
        assertFalse(store.find("GM0363").isPresent());
    }

    private static List<String> codes(Page<Tenant> page) {
        return page.items().stream().map(Tenant::code).toList();
    }
}
