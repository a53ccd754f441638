package nl.mantelkring.employers.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

import nl.mantelkring.platform.api.data.Database;

/**
 * A fresh database running this bundle's real migrations: in-memory H2 by default; a new schema in PostgreSQL when
 * {@code -Demployers.test.postgresql=jdbc:postgresql://host:port/db?user=...} is given, so the same tests prove the
 * SQL portable.
 */
final class TestDatabase implements Database {

    private final DataSource ds;

    TestDatabase() {
        String pg = System.getProperty("employers.test.postgresql", "");
        if (pg.isEmpty()) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            ds = h2;
        } else {
            String schema = "t" + UUID.randomUUID().toString().replace("-", "");
            PGSimpleDataSource p = new PGSimpleDataSource();
            p.setURL(pg);
            try (Connection c = p.getConnection(); Statement s = c.createStatement()) {
                s.execute("create schema " + schema);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            p.setCurrentSchema(schema);
            ds = p;
        }
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
