package nl.mantelkring.employers.internal;

import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

import nl.mantelkring.platform.api.data.Database;

/** An in-memory H2 database running this bundle's real migrations. */
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
}
