package nl.mantelkring.platform.internal.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.mantelkring.platform.api.cluster.Lease;
import nl.mantelkring.platform.api.cluster.LeaseState;
import nl.mantelkring.platform.api.cluster.Leases;
import nl.mantelkring.platform.api.data.DataAccessException;
import nl.mantelkring.platform.api.data.Database;
import nl.mantelkring.platform.api.data.Jdbc;
import nl.mantelkring.platform.internal.db.UnitOfWork;

/**
 * Leases in the table {@code cluster_lease}. Taking an expired lease is one conditional update ({@code where
 * expires_at <= now}): of two nodes racing for it, the second's update waits for the first's row lock and then
 * finds the lease no longer expired. A name never taken before is inserted; the primary key lets only one insert
 * win. Times are the database's clock ({@code current_timestamp}), read in the same transaction.
 */
@Component(service = Leases.class, configurationPid = "nl.mantelkring.platform.cluster")
@Designate(ocd = LeasesImpl.Config.class)
public class LeasesImpl implements Leases {

    @ObjectClassDefinition(name = "Mantelkring cluster")
    public @interface Config {
        @AttributeDefinition(description = "This node's name in lease holders; empty: <host name>:<process id>")
        String nodeId() default "";
    }

    private static final Logger LOG = LoggerFactory.getLogger(LeasesImpl.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:/-]{1,200}");
    private static final String COLUMNS = "name, holder, token, acquired_at, expires_at";

    private final Jdbc jdbc;
    private final String nodeId;
    private final ScheduledExecutorService renewer;

    @Activate
    public LeasesImpl(@Reference Database database, Config config) {
        // a lease is taken, renewed and given up on its own, never as part of a request's transaction
        this.jdbc = new Jdbc(UnitOfWork.outsideUnit(database.dataSource()));
        this.nodeId = config.nodeId().isBlank() ? defaultNodeId() : config.nodeId().trim();
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mantelkring-lease-renewer");
            t.setDaemon(true);
            return t;
        });
    }

    @Deactivate
    void deactivate() {
        renewer.shutdownNow();
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public Optional<Lease> tryAcquire(String name, Duration ttl) {
        check(name, ttl);
        String holder = nodeId + "/" + UUID.randomUUID().toString().substring(0, 8);
        long localStart = System.nanoTime();
        Optional<LeaseState> taken = jdbc.inTransaction(c -> {
            Instant now = databaseNow(c);
            int updated = Jdbc.update(c, "update cluster_lease set holder = ?, token = token + 1, acquired_at = ?,"
                    + " expires_at = ? where name = ? and expires_at <= ?", holder, now, now.plus(ttl), name, now);
            if (updated == 1) {
                return Jdbc.query(c, "select " + COLUMNS + " from cluster_lease where name = ?", LeasesImpl::map,
                        name).stream().findFirst();
            }
            return null;
        });
        if (taken == null) {
            taken = insertFirst(name, ttl, holder);
        }
        return taken.map(s -> new HeldLease(s, ttl, localStart));
    }

    /** The first acquisition of a name: an insert, which only one node can win. */
    private Optional<LeaseState> insertFirst(String name, Duration ttl, String holder) {
        try {
            return jdbc.inTransaction(c -> {
                Instant now = databaseNow(c);
                LeaseState s = new LeaseState(name, holder, 1, now, now.plus(ttl));
                Jdbc.update(c, "insert into cluster_lease (" + COLUMNS + ") values (?, ?, ?, ?, ?)", s.name(),
                        s.holder(), s.token(), s.acquiredAt(), s.expiresAt());
                return Optional.of(s);
            });
        } catch (DataAccessException e) {
            if (Jdbc.isUniqueViolation(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public <T> Optional<T> runExclusively(String name, Duration ttl, Function<Lease, T> work) {
        Optional<Lease> acquired = tryAcquire(name, ttl);
        if (acquired.isEmpty()) {
            return Optional.empty();
        }
        HeldLease lease = (HeldLease) acquired.get();
        long period = Math.max(1, ttl.toMillis() / 3);
        ScheduledFuture<?> renewal = renewer.scheduleWithFixedDelay(() -> {
            try {
                if (!lease.renew()) {
                    LOG.warn("Lease '{}' of {} was lost while its work ran", name, lease.holder());
                    throw new IllegalStateException("lease lost"); // ends the schedule
                }
            } catch (DataAccessException e) {
                LOG.warn("Lease '{}' not renewed (database: {}); it is held until {} at most", name, e.getMessage(),
                        lease.expiresAt());
            }
        }, period, period, TimeUnit.MILLISECONDS);
        try {
            return Optional.ofNullable(work.apply(lease));
        } finally {
            renewal.cancel(false);
            lease.close();
        }
    }

    @Override
    public Optional<LeaseState> current(String name) {
        check(name, MIN_TTL);
        return jdbc.inTransaction(c -> {
            Instant now = databaseNow(c);
            return Jdbc.query(c, "select " + COLUMNS + " from cluster_lease where name = ? and expires_at > ?",
                    LeasesImpl::map, name, now).stream().findFirst();
        });
    }

    private static void check(String name, Duration ttl) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid lease name: " + name);
        }
        if (ttl == null || ttl.compareTo(MIN_TTL) < 0 || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("lease time to live out of range: " + ttl);
        }
    }

    private static Instant databaseNow(Connection c) throws SQLException {
        return Jdbc.query(c, "select current_timestamp", rs -> rs.getObject(1, OffsetDateTime.class).toInstant())
                .get(0);
    }

    private static LeaseState map(java.sql.ResultSet rs) throws SQLException {
        return new LeaseState(rs.getString("name"), rs.getString("holder"), rs.getLong("token"),
                Jdbc.instant(rs, "acquired_at"), Jdbc.instant(rs, "expires_at"));
    }

    private static String defaultNodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + ":" + ProcessHandle.current().pid();
    }

    /** A lease this node took. */
    private final class HeldLease implements Lease {
        private final String name;
        private final String holder;
        private final long token;
        private final Duration ttl;
        private volatile Instant expiresAt;
        private volatile long localDeadline;
        private volatile boolean ended;

        HeldLease(LeaseState s, Duration ttl, long localStart) {
            this.name = s.name();
            this.holder = s.holder();
            this.token = s.token();
            this.ttl = ttl;
            this.expiresAt = s.expiresAt();
            this.localDeadline = localStart + ttl.toNanos();
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String holder() {
            return holder;
        }

        @Override
        public long token() {
            return token;
        }

        @Override
        public Instant expiresAt() {
            return expiresAt;
        }

        @Override
        public synchronized boolean renew() {
            if (ended) {
                return false;
            }
            long localStart = System.nanoTime();
            Instant until = jdbc.inTransaction(c -> {
                Instant now = databaseNow(c);
                int n = Jdbc.update(c, "update cluster_lease set expires_at = ? where name = ? and holder = ?"
                        + " and token = ? and expires_at > ?", now.plus(ttl), name, holder, token, now);
                return n == 1 ? now.plus(ttl) : null;
            });
            if (until == null) {
                ended = true;
                return false;
            }
            expiresAt = until;
            localDeadline = localStart + ttl.toNanos();
            return true;
        }

        @Override
        public boolean isHeld() {
            return !ended && System.nanoTime() - localDeadline < 0;
        }

        @Override
        public synchronized void close() {
            if (ended) {
                return;
            }
            ended = true;
            try {
                jdbc.inTransaction(c -> Jdbc.update(c, "update cluster_lease set expires_at = ? where name = ?"
                        + " and holder = ? and token = ?", databaseNow(c), name, holder, token));
            } catch (DataAccessException e) {
                LOG.warn("Lease '{}' of {} not released (database: {}); it expires at {}", name, holder,
                        e.getMessage(), expiresAt);
            }
        }
    }
}
