package nl.mantelkring.platform.internal.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import nl.mantelkring.platform.api.audit.AuditEntry;
import nl.mantelkring.platform.api.data.DataAccessException;
import nl.mantelkring.platform.api.data.Jdbc;
import nl.mantelkring.platform.internal.PostgresqlTestDatabase;
import nl.mantelkring.platform.internal.audit.AuditLogImpl;
import nl.mantelkring.platform.internal.rest.ProblemMapper;

/**
 * The request's unit of work through the real classes ({@link DatabaseImpl}, {@link FailFastDataSource},
 * {@link AuditLogImpl}) on a real database: H2, and PostgreSQL when {@code -Dmantelkring.test.postgresql} is given.
 */
class UnitOfWorkTest {

    private static final String TENANT = "GM0363";
    private static final List<Runnable> CLEANUP = new ArrayList<>();

    static Stream<String> databases() {
        return PostgresqlTestDatabase.available() ? Stream.of("h2", "postgresql") : Stream.of("h2");
    }

    @AfterAll
    static void cleanup() {
        CLEANUP.forEach(Runnable::run);
    }

    @AfterEach
    void unbind() {
        UnitOfWork u = UnitOfWork.unbind();
        if (u != null) {
            u.rollback();
        }
    }

    /** The platform on a fresh database with a module table {@code uow_thing}. */
    private record Platform(DataSource raw, DatabaseImpl database, AuditLogImpl audit, Jdbc module) {
        long count(String sql) {
            return new Jdbc(raw).count(sql);
        }

        void execute(String sql) {
            new Jdbc(raw).update(sql);
        }
    }

    private static Platform platform(String db, int timeoutSeconds) {
        DataSource raw;
        if (db.equals("h2")) {
            JdbcDataSource h2 = new JdbcDataSource();
            // H2's own lock timeout far above the statement timeout: only the platform's timeout can cut a wait
            h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=60000");
            raw = h2;
            CLEANUP.add(() -> new Jdbc(h2).update("shutdown"));
        } else {
            PostgresqlTestDatabase pg = new PostgresqlTestDatabase();
            CLEANUP.add(pg::close);
            raw = pg.dataSource();
        }
        DatabaseImpl database = new DatabaseImpl(raw, config(timeoutSeconds));
        Platform p = new Platform(raw, database, new AuditLogImpl(database), new Jdbc(database.dataSource()));
        p.execute("create table uow_thing (id varchar(36) not null primary key, name varchar(100))");
        p.execute("insert into tenant (code, name, status, created_at, updated_at) values ('" + TENANT
                + "', 'Amsterdam', 'actief', current_timestamp, current_timestamp)");
        return p;
    }

    private static DatabaseImpl.Config config(int timeoutSeconds) {
        return new DatabaseImpl.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return DatabaseImpl.Config.class;
            }

            @Override
            public String dataSource_target() {
                return "";
            }

            @Override
            public int statementTimeoutSeconds() {
                return timeoutSeconds;
            }
        };
    }

    private static AuditEntry entry(String activity) {
        return new AuditEntry(TENANT, "consulent", "consulent@" + TENANT, activity, "ding", "a", "a", "test", true,
                "corr", "geslaagd 200");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aWriteAndItsAuditEntryCommitTogether(String db) throws SQLException {
        Platform p = platform(db, 30);
        UnitOfWork unit = UnitOfWork.begin();
        p.module().inTransaction(c -> Jdbc.update(c, "insert into uow_thing (id, name) values ('a', 'een')"));
        p.module().update("insert into uow_thing (id, name) values ('b', 'twee')");
        assertEquals(0, p.count("select count(*) from uow_thing"), "nothing committed before the request ends");
        UnitOfWork.unbind();
        p.audit().commit(unit, entry("ding.maken"));

        assertEquals(2, p.count("select count(*) from uow_thing"));
        assertEquals(1, p.count("select count(*) from audit_entry where activity = 'ding.maken'"));
        assertTrue(p.audit().verify(TENANT).valid());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void whenTheAuditEntryCannotBeWrittenTheDataIsNotStored(String db) {
        Platform p = platform(db, 30);
        p.execute("alter table audit_entry add constraint uow_audit_fails check (activity <> 'faalt')");
        UnitOfWork unit = UnitOfWork.begin();
        p.module().inTransaction(c -> Jdbc.update(c, "insert into uow_thing (id, name) values ('a', 'een')"));
        UnitOfWork.unbind();

        assertThrows(SQLException.class, () -> p.audit().commit(unit, entry("faalt")));
        assertEquals(0, p.count("select count(*) from uow_thing"), "the change rolled back with its audit entry");
        assertEquals(0, p.count("select count(*) from audit_entry"));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aModulesRollbackUndoesItsPartOnlyAndDropsItsAuditEntries(String db) throws SQLException {
        Platform p = platform(db, 30);
        UnitOfWork unit = UnitOfWork.begin();
        p.module().update("insert into uow_thing (id, name) values ('a', 'een')");
        assertThrows(IllegalStateException.class, () -> p.module().inTransaction(c -> {
            Jdbc.update(c, "insert into uow_thing (id, name) values ('b', 'twee')");
            p.audit().record(c, entry("ding.tussendoor"));
            throw new IllegalStateException("the module gives up");
        }));
        // a unique violation the module catches, in its autocommit mode: on PostgreSQL this aborts a plain
        // transaction; the unit keeps going
        DataAccessException duplicate = assertThrows(DataAccessException.class,
                () -> p.module().update("insert into uow_thing (id, name) values ('a', 'nog eens')"));
        assertTrue(Jdbc.isUniqueViolation(duplicate));
        p.module().update("insert into uow_thing (id, name) values ('c', 'drie')");
        UnitOfWork.unbind();
        p.audit().commit(unit, entry("ding.maken"));

        assertEquals(List.of("a", "c"), new Jdbc(p.raw()).query("select id from uow_thing order by id",
                rs -> rs.getString(1)));
        assertEquals(0, p.count("select count(*) from audit_entry where activity = 'ding.tussendoor'"));
        assertEquals(1, p.count("select count(*) from audit_entry where activity = 'ding.maken'"));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRejectedRequestChangesNothingAndItsAfterCommitWorkIsDropped(String db) {
        Platform p = platform(db, 30);
        AtomicInteger ran = new AtomicInteger();
        UnitOfWork unit = UnitOfWork.begin();
        p.module().update("insert into uow_thing (id, name) values ('a', 'een')");
        p.audit().record(entry("ding.tussendoor"));
        p.database().afterCommit(ran::incrementAndGet);
        UnitOfWork.unbind().rollback();

        assertEquals(0, p.count("select count(*) from uow_thing"));
        assertEquals(0, p.count("select count(*) from audit_entry"));
        unit.runAfterCommit();
        assertEquals(0, ran.get());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void afterCommitWorkSeesTheCommittedData(String db) throws SQLException {
        Platform p = platform(db, 30);
        List<Long> seen = new ArrayList<>();
        UnitOfWork unit = UnitOfWork.begin();
        p.module().update("insert into uow_thing (id, name) values ('a', 'een')");
        p.database().afterCommit(() -> seen.add(p.count("select count(*) from uow_thing")));
        assertEquals(List.of(), seen, "not before the commit");
        UnitOfWork.unbind();
        p.audit().commit(unit, entry("ding.maken"));
        unit.runAfterCommit();
        assertEquals(List.of(1L), seen);
        // outside a request it runs at once
        p.database().afterCommit(() -> seen.add(0L));
        assertEquals(List.of(1L, 0L), seen);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRequestThatNeverTouchedTheDatabaseTakesNoConnectionUntilItsAuditEntry(String db) throws SQLException {
        Platform p = platform(db, 30);
        UnitOfWork unit = UnitOfWork.begin();
        assertFalse(unit.hasConnection());
        UnitOfWork.unbind();
        p.audit().commit(unit, entry("ding.maken"));
        assertEquals(1, p.count("select count(*) from audit_entry"));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aStatementWaitingForALockIsCutOffByTheStatementTimeout(String db) throws SQLException {
        Platform p = platform(db, 1);
        p.execute("insert into uow_thing (id, name) values ('a', 'een')");
        try (Connection holder = p.raw().getConnection()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.executeUpdate("update uow_thing set name = 'vast' where id = 'a'");
            }
            long start = System.nanoTime();
            DataAccessException e = assertThrows(DataAccessException.class,
                    () -> p.module().update("update uow_thing set name = 'twee' where id = 'a'"));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ProblemMapper.timedOut(e), "a timeout: " + e + " " + ((SQLException) e.getCause()).getSQLState());
            assertTrue(ms < 30_000, "cut off by the 1 s statement timeout, not the database's own lock timeout: "
                    + ms + " ms");
            holder.rollback();
        }
        assertEquals(1, p.module().update("update uow_thing set name = 'twee' where id = 'a'"));
    }
}
