package nl.mantelkring.respite.internal;

import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

import nl.mantelkring.platform.api.data.Database;
import nl.mantelkring.platform.api.data.Jdbc;

/** An in-memory H2 database running the module's real migrations. */
final class TestDatabase implements Database {

    private final JdbcDataSource ds = new JdbcDataSource();

    TestDatabase() {
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @Override
    public DataSource dataSource() {
        return ds;
    }

    @Override
    public void migrate(String owner, ClassLoader loader) {
        Flyway.configure(loader).dataSource(ds).locations("classpath:db/" + owner)
                .table("schema_history_" + owner).load().migrate();
    }

    @Override
    public boolean isMigrated(String owner) {
        return true;
    }

    /** Empties the module's tables (the revision counter keeps counting, as in production). */
    void clear() {
        Jdbc jdbc = new Jdbc(ds);
        jdbc.update("delete from respite_share");
        jdbc.update("delete from respite_offering");
        jdbc.update("delete from respite_area");
        jdbc.update("delete from respite_sync");
        jdbc.update("update respite_revision set revision = revision + 1");
    }
}
