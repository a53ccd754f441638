package nl.mantelkring.platform.internal.db;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.mantelkring.platform.api.data.Database;

/**
 * The platform database: the node's datasource (chosen by {@code dataSource.target}) and Flyway migrations per
 * owning bundle. Flyway takes a database lock while migrating, so nodes starting together are safe. Users get the
 * pool behind a circuit breaker ({@link FailFastDataSource}): while the database is unreachable, requests fail at
 * once instead of each waiting for the pool's connection timeout. Every statement has a timeout (node setting
 * {@code statementTimeoutSeconds}), and an audited write runs in one transaction with its audit entry
 * ({@link UnitOfWork}).
 */
@Component(service = Database.class, configurationPid = "nl.mantelkring.platform.database")
@Designate(ocd = DatabaseImpl.Config.class)
public class DatabaseImpl implements Database {

    @ObjectClassDefinition(name = "Mantelkring database")
    @interface Config {
        @AttributeDefinition(description = "Filter selecting the pax-jdbc DataSource service")
        String dataSource_target() default "(dataSourceName=mantelkring)";

        @AttributeDefinition(description = "Longest a single SQL statement may run, in seconds (0: no limit). A"
                + " statement cut off answers 503 (the request's changes roll back). Batch work such as a payment"
                + " run is many short statements, so the same limit applies; migrations have none.")
        int statementTimeoutSeconds() default 30;
    }

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseImpl.class);

    private final DataSource pool;
    private final FailFastDataSource dataSource;
    private final Set<String> migrated = ConcurrentHashMap.newKeySet();

    @Activate
    public DatabaseImpl(@Reference(name = "dataSource") DataSource dataSource, Config config) {
        this.pool = dataSource;
        this.dataSource = new FailFastDataSource(dataSource);
        modified(config);
        migrate("platform", DatabaseImpl.class.getClassLoader());
    }

    @Modified
    void modified(Config config) {
        dataSource.setStatementTimeoutSeconds(config.statementTimeoutSeconds());
        LOG.info("Statement timeout: {}", config.statementTimeoutSeconds() > 0
                ? config.statementTimeoutSeconds() + " s" : "none");
    }

    @Override
    public void afterCommit(Runnable task) {
        UnitOfWork unit = UnitOfWork.current();
        if (unit == null) {
            task.run();
        } else {
            unit.afterCommit(task);
        }
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void migrate(String owner, ClassLoader loader) {
        if (!owner.matches("[a-z][a-z0-9_]{0,30}")) {
            throw new IllegalArgumentException("invalid migration owner: " + owner);
        }
        long start = System.nanoTime();
        Flyway flyway = Flyway.configure(loader)
                .dataSource(pool)
                .locations("classpath:db/" + owner)
                .table("schema_history_" + owner)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
        var result = flyway.migrate();
        migrated.add(owner);
        LOG.info("Migrations of '{}' applied: {} new, schema version {} ({} ms)", owner, result.migrationsExecuted,
                result.targetSchemaVersion, (System.nanoTime() - start) / 1_000_000);
    }

    @Override
    public boolean isMigrated(String owner) {
        return migrated.contains(owner);
    }
}
