package nl.mantelkring.platform.api.data;

import javax.sql.DataSource;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The platform database. A bundle that owns tables calls {@link #migrate(String, ClassLoader)} when it activates;
 * migrations are SQL files under {@code db/<owner>/} in that bundle ({@code V1__create.sql}, ...), applied once,
 * in order, under a database lock so that two nodes starting together are safe. Keep SQL portable (H2 and
 * PostgreSQL).
 */
@ProviderType
public interface Database {

    /** The pooled datasource configured for this node. */
    DataSource dataSource();

    /**
     * Applies the owner's pending migrations from {@code db/<owner>/} as seen by {@code loader}, keeping its own
     * history table. Throws when a migration fails; the caller should then not activate.
     *
     * @param owner lower-case identifier of the owning bundle, e.g. {@code registration}
     */
    void migrate(String owner, ClassLoader loader);

    /** Whether the owner's migrations have been applied on this node since it started. */
    boolean isMigrated(String owner);
}
