package nl.mantelkring.platform.internal.session;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIf;

import nl.mantelkring.platform.internal.PostgresqlTestDatabase;

/** The session store's tests on PostgreSQL (when {@code -Dmantelkring.test.postgresql} is given). */
@EnabledIf("nl.mantelkring.platform.internal.PostgresqlTestDatabase#available")
class SessionStorePostgresqlTest extends SessionStoreTest {

    private static PostgresqlTestDatabase postgresql;

    @BeforeAll
    static void createSchema() {
        postgresql = new PostgresqlTestDatabase();
    }

    @AfterAll
    static void dropSchema() {
        postgresql.close();
    }

    @Override
    protected DataSource dataSource() {
        return postgresql.dataSource();
    }
}
