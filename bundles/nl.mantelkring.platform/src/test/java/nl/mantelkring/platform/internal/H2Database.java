package nl.mantelkring.platform.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

import nl.mantelkring.platform.api.data.Database;

/**
 * A fresh in-memory H2 database per instance, migrated with the platform's real migrations. Migrating takes a
 * while, so a test class creates one and calls {@link #reset()} before each test.
 */
public final class H2Database implements Database {

    private final JdbcDataSource dataSource = new JdbcDataSource();

    public H2Database() {
        this("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    /** A database at the given H2 URL (e.g. a file, for benchmarks whose data should not sit on the heap). */
    public H2Database(String url) {
        dataSource.setURL(url);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/platform")
                .table("schema_history_platform").load().migrate();
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void migrate(String owner, ClassLoader loader) {
        // the platform's own tables were migrated in the constructor; a module's run as DatabaseImpl runs them
        if (!"platform".equals(owner)) {
            Flyway.configure(loader).dataSource(dataSource).locations("classpath:db/" + owner)
                    .table("schema_history_" + owner).baselineOnMigrate(true).baselineVersion("0").load().migrate();
        }
    }

    @Override
    public boolean isMigrated(String owner) {
        return true;
    }

    /** Runs one statement outside the component under test (to prepare data or tamper with it). */
    public int execute(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Inserts an active tenant row. */
    public void insertTenant(String code) {
        execute("insert into tenant (code, name, status, created_at, updated_at) values ('" + code + "', 'Gemeente "
                + code + "', 'actief', current_timestamp, current_timestamp)");
    }

    /** Deletes every row of the platform tables (children first), keeping the schema. */
    public void reset() {
        for (String table : new String[] {"audit_entry", "audit_chain", "policy_version", "role_grant", "tenant",
            "auth_session", "signin_state"}) {
            execute("delete from " + table);
        }
    }

    /** Drops the in-memory database. */
    public void close() {
        execute("shutdown");
    }
}
