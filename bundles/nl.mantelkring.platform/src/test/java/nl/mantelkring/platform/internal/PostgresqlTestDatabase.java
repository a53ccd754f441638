package nl.mantelkring.platform.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

import nl.mantelkring.platform.api.data.Database;

/**
 * A fresh schema on a real PostgreSQL, migrated with the platform's migrations, for tests whose point is what
 * PostgreSQL does (locks, races). Available when {@code -Dmantelkring.test.postgresql=jdbc:postgresql://...} is
 * given; the build sets it from {@code MANTELKRING_ITEST_POSTGRESQL} in its PostgreSQL pass.
 */
public final class PostgresqlTestDatabase implements Database, AutoCloseable {

    private final String schema = "platform_test_" + UUID.randomUUID().toString().substring(0, 8);
    private final PGSimpleDataSource dataSource = new PGSimpleDataSource();

    public PostgresqlTestDatabase() {
        execute("create schema " + schema);
        dataSource.setURL(url());
        dataSource.setCurrentSchema(schema);
        Flyway.configure().dataSource(dataSource).schemas(schema).locations("classpath:db/platform")
                .table("schema_history_platform").load().migrate();
    }

    /** The server's URL, or empty when these tests are to be skipped. */
    public static String url() {
        String url = System.getProperty("mantelkring.test.postgresql", "").trim();
        return url.startsWith("jdbc:postgresql:") ? url : ""; // unset: Maven passes "${env.…}" as it is
    }

    public static boolean available() {
        return !url().isEmpty();
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void migrate(String owner, ClassLoader loader) {
        throw new UnsupportedOperationException("platform migrations only");
    }

    @Override
    public boolean isMigrated(String owner) {
        return true;
    }

    /** Drops the schema. */
    @Override
    public void close() {
        execute("drop schema " + schema + " cascade");
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
