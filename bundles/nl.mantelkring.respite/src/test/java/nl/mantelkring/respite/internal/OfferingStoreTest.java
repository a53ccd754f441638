package nl.mantelkring.respite.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import nl.mantelkring.platform.api.ProblemException;

class OfferingStoreTest {

    static OfferingStore store;

    @BeforeAll
    static void setUp() {
        store = new OfferingStore(new TestDatabase());
    }

    private static Offering regional() {
        return store.create("GM0344", Fixtures.valid(Fixtures.sharedWith(Fixtures.atLocation(null, "Regionaal logeerhuis",
                "logeerzorg", List.of("autisme"), 52.09, 5.12), List.of("GM0363")), "GM0344"), "test");
    }

    @Test
    void onlyTheOwnerEditsASharedOffering() {
        Offering o = regional();
        assertEquals("GM0344", o.owner());
        assertEquals(o, store.find("GM0363", o.id()).orElseThrow());
        ProblemException e = assertThrows(ProblemException.class,
                () -> store.update("GM0363", o.id(), Fixtures.valid(Fixtures.sharedWith(o, List.of()), "GM0363"), "x"));
        assertEquals(403, e.status());
        assertEquals(403, assertThrows(ProblemException.class, () -> store.delete("GM0363", o.id(), "x")).status());
        assertEquals(404, assertThrows(ProblemException.class,
                () -> store.update("GM0518", o.id(), Fixtures.valid(o, "GM0518"), "x")).status());
        assertTrue(store.find("GM0518", o.id()).isEmpty());
    }

    @Test
    void unsharingHidesItAgainAndAStaleVersionConflicts() {
        Offering o = regional();
        Offering unshared = store.update("GM0344", o.id(), Fixtures.valid(Fixtures.sharedWith(o, List.of()),
                "GM0344"), "test");
        assertEquals(2, unshared.version());
        assertTrue(store.find("GM0363", o.id()).isEmpty());
        ProblemException e = assertThrows(ProblemException.class, () -> store.update("GM0344", o.id(),
                Fixtures.valid(o, "GM0344"), "test"));       // still says versie 1
        assertEquals(409, e.status());
    }

    @Test
    void aDeletedOfferingKeepsNoContactPerson() {
        Offering o = store.create("GM0363", Fixtures.valid(Fixtures.atLocation("weg", "Verdwijnt", "dagopvang",
                List.of("dementie"), 52.37, 4.9), "GM0363"), "test");
        store.delete("GM0363", o.id(), "test");
        assertTrue(store.find("GM0363", o.id()).isEmpty());
        String stored = store.jdbc().queryOne("select document from respite_offering where id = ?",
                rs -> rs.getString(1), o.id()).orElseThrow();
        assertTrue(stored.contains("Verdwijnt"));
        assertTrue(!stored.contains("Jansen"), stored);
    }

    @Test
    void theSameExternalIdTwiceConflicts() {
        store.create("GM0363", Fixtures.valid(Fixtures.atLocation("dup", "Eerste", "dagopvang", List.of("dementie"),
                52.37, 4.9), "GM0363"), "test");
        assertEquals(409, assertThrows(ProblemException.class, () -> store.create("GM0363", Fixtures.valid(
                Fixtures.atLocation("dup", "Tweede", "dagopvang", List.of("dementie"), 52.37, 4.9), "GM0363"),
                "test")).status());
        store.create("GM0344", Fixtures.valid(Fixtures.atLocation("dup", "Ander", "dagopvang", List.of("dementie"),
                52.37, 4.9), "GM0344"), "test");     // another tenant may use the same external id
    }
}
