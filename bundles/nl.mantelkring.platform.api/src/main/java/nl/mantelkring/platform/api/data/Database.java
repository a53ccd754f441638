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

    /**
     * The pooled datasource configured for this node. Every statement on its connections has the node's statement
     * timeout. During an audited write (a resource method annotated {@code @Audited}, not GET or HEAD) its
     * connections are one transaction, which commits together with the request's audit entry when the request ends
     * (and rolls back when it answers 400 or higher): a module's own transaction is then part of it (its rollback
     * undoes its part), and work for another thread that must see the request's data goes through
     * {@link #afterCommit(Runnable)}.
     */
    DataSource dataSource();

    /**
     * Runs {@code task} once the data of the current request is committed (at once outside an audited write); it
     * is dropped when the request's changes roll back. For handing work to another thread (a worker, an event)
     * that reads what the request wrote.
     *
     * @since 1.1
     */
    default void afterCommit(Runnable task) {
        task.run();
    }

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
