package nl.mantelkring.platform.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The table of failed logins: bounded, and it never forgets the names under attack (a settable clock). */
class FailedLoginsTest {

    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong clock = new AtomicLong(-42 * SECOND);

    /** 10 failures in 300 s block for 60 s, as shipped; room for the given number of names. */
    private FailedLogins table(int maxFailures, int capacity) {
        return new FailedLogins(maxFailures, 300, 60, capacity, clock::get);
    }

    private static void fail(FailedLogins t, String user, int times) {
        for (int i = 0; i < times; i++) {
            t.failed(user);
        }
    }

    @Test
    void aBlockedNameAndANameUnderAttackSurviveAFloodOfOtherNamesInBoundedMemory() {
        FailedLogins t = table(10, 1_000);
        fail(t, "anna", 10);
        fail(t, "bert", 5);
        for (int i = 0; i < 50_000; i++) {
            t.failed("naam-" + i);
            assertTrue(t.size() <= 1_000, "bounded: " + t.size());
        }
        assertTrue(t.blockedSeconds("anna") > 0, "still blocked");
        // bert's five failures were kept: five more block him
        fail(t, "bert", 4);
        assertEquals(0, t.blockedSeconds("bert"));
        t.failed("bert");
        assertTrue(t.blockedSeconds("bert") > 0);
    }

    @Test
    void windowsThatEndedGoFirst() {
        FailedLogins t = table(10, 10);
        for (int i = 0; i < 5; i++) {
            fail(t, "oud-" + i, 5);
        }
        clock.addAndGet(301 * SECOND);
        for (int i = 0; i < 5; i++) {
            fail(t, "nieuw-" + i, 2);
        }
        t.failed("nog-een");
        assertTrue(t.size() <= 10);
        // the recent counts were kept, the ended windows made the room
        for (int i = 0; i < 5; i++) {
            fail(t, "nieuw-" + i, 7);
            assertEquals(0, t.blockedSeconds("nieuw-" + i));
            t.failed("nieuw-" + i);
            assertTrue(t.blockedSeconds("nieuw-" + i) > 0, "nieuw-" + i);
        }
    }

    @Test
    void theFewestFailuresGoFirst() {
        FailedLogins t = table(10, 10);
        for (int i = 0; i < 5; i++) {
            fail(t, "veel-" + i, 4);
            fail(t, "weinig-" + i, 1);
        }
        t.failed("nog-een");
        assertTrue(t.size() <= 10);
        for (int i = 0; i < 5; i++) {
            fail(t, "veel-" + i, 5);
            assertEquals(0, t.blockedSeconds("veel-" + i));
            t.failed("veel-" + i);
            assertTrue(t.blockedSeconds("veel-" + i) > 0, "veel-" + i);
        }
    }

    @Test
    void namesThatFindNoRoomShareOneLimitUntilRoomIsMade() {
        FailedLogins t = table(2, 10);
        for (int i = 0; i < 10; i++) {
            fail(t, "geblokkeerd-" + i, 2);
        }
        // every name in the table is blocked: the newcomers share one count
        t.failed("x");
        assertEquals(0, t.blockedSeconds("y"));
        t.failed("z");
        assertTrue(t.blockedSeconds("y") > 0, "a name without its own count is refused with the others");
        assertTrue(t.blockedSeconds("geblokkeerd-3") > 0);
        assertEquals(10, t.size());
        // the blocks end: the table has room again, each name counts for itself
        clock.addAndGet(61 * SECOND);
        assertEquals(0, t.blockedSeconds("y"));
        t.failed("y");
        assertEquals(0, t.blockedSeconds("y"));
        assertEquals(0, t.blockedSeconds("w"));
        assertTrue(t.size() <= 10);
    }

    @Test
    void aGuessThatWasUnderWayWhenTheBlockBeganDoesNotLiftIt() {
        FailedLogins t = table(10, 1_000);
        fail(t, "anna", 10);
        long blocked = t.blockedSeconds("anna");
        t.failed("anna");
        assertEquals(blocked, t.blockedSeconds("anna"));
    }
}
