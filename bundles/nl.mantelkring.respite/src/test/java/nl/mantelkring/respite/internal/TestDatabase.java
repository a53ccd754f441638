package nl.mantelkring.respite.internal;

import javax.sql.DataSource;

import nl.mantelkring.platform.api.data.Database;
import nl.mantelkring.platform.api.data.Jdbc;
import nl.mantelkring.platform.internal.H2Database;

/** The platform's in-memory test database (it runs the module's real migrations), plus emptying this module's tables. */
final class TestDatabase implements Database {

    private final H2Database h2 = new H2Database();

    @Override
    public DataSource dataSource() {
        return h2.dataSource();
    }

    @Override
    public void migrate(String owner, ClassLoader loader) {
        h2.migrate(owner, loader);
    }

    @Override
    public boolean isMigrated(String owner) {
        return true;
    }

    /** Empties the module's tables (the revision counter keeps counting, as in production). */
    void clear() {
        Jdbc jdbc = new Jdbc(h2.dataSource());
        jdbc.update("delete from respite_share");
        jdbc.update("delete from respite_offering");
        jdbc.update("delete from respite_area");
        jdbc.update("delete from respite_sync");
        jdbc.update("update respite_revision set revision = revision + 1");
    }
}
