package nl.mantelkring.platform.internal;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** Base of the database tests: one migrated in-memory H2 database per test class, emptied before each test. */
public abstract class H2TestSupport {

    protected static H2Database db;

    @BeforeAll
    static void createDatabase() {
        db = new H2Database();
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @BeforeEach
    void emptyDatabase() {
        db.reset();
    }
}
