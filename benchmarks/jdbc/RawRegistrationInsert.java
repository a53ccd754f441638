import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;

/**
 * Baseline of the registration benchmark: the rows one API registration writes into the registration module's tables
 * (a caregiver, its name tokens, one history row), inserted with plain JDBC into a database with the module's own DDL.
 * No HTTP, JSON, authentication, authorisation, validation, duplicate check, encryption or audit entry.
 *
 * <p>Run (single-file source launch): {@code java -cp <h2 or postgresql driver jar> RawRegistrationInsert.java
 * <jdbc-url> <user> <password> <ddl.sql> <rows> <batch|row> [batchSize]}. {@code batch} inserts with JDBC batches,
 * one commit per batch; {@code row} commits every registration on its own (one transaction per registration, like
 * the API). A warm-up of up to 3,000 registrations runs first and is deleted again (not measured). For PostgreSQL
 * the tables go into a fresh schema that is dropped afterwards. Prints one JSON line.
 */
public class RawRegistrationInsert {

    private static final String[] FIRST = {"anna", "bram", "cor", "dewi", "emma", "fatima", "gijs", "hanna", "jan", "kim"};
    private static final String[] LAST = {"de vries", "jansen", "bakker", "visser", "smit", "meijer", "de boer", "mulder"};

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        String password = args[2];
        String ddl = Files.readString(Path.of(args[3]), StandardCharsets.UTF_8);
        int rows = Integer.parseInt(args[4]);
        boolean batch = "batch".equals(args[5]);
        int batchSize = args.length > 6 ? Integer.parseInt(args[6]) : 500;
        boolean postgres = url.startsWith("jdbc:postgresql:");
        String schema = "bench_raw_" + Long.toHexString(System.nanoTime());
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            try (Statement s = c.createStatement()) {
                if (postgres) {
                    s.execute("create schema " + schema);
                    s.execute("set search_path to " + schema);
                }
                for (String sql : statements(ddl)) {
                    s.execute(sql);
                }
            }
            c.setAutoCommit(false);
            // warm-up (JIT, driver caches, the database's first pages), then emptied: not measured
            insert(c, Math.min(rows, 3000), batch, batchSize, 7);
            try (Statement s = c.createStatement()) {
                s.execute("delete from registration_history");
                s.execute("delete from registration_name_token");
                s.execute("delete from registration_caregiver");
            }
            c.commit();
            long t0 = System.nanoTime();
            insert(c, rows, batch, batchSize, 42);
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (postgres) {
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("drop schema " + schema + " cascade");
                }
            }
            System.out.printf(java.util.Locale.ROOT,
                    "{\"mode\":\"%s\",\"rows\":%d,\"batchSize\":%d,\"seconds\":%.3f,\"rowsPerSecond\":%.1f}%n",
                    batch ? "batch" : "row", rows, batch ? batchSize : 1, seconds, rows / seconds);
        }
    }

    /** The DDL file's statements: comment lines dropped, split on ';'. */
    private static java.util.List<String> statements(String ddl) {
        StringBuilder b = new StringBuilder();
        for (String line : ddl.split("\n")) {
            String l = line.strip();
            if (!l.startsWith("--")) {
                b.append(line).append('\n');
            }
        }
        return java.util.Arrays.stream(b.toString().split(";")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }

    private static void insert(Connection c, int rows, boolean batch, int batchSize, long seed) throws Exception {
        Random rnd = new Random(seed);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (PreparedStatement cg = c.prepareStatement("insert into registration_caregiver (id, tenant, status,"
                + " first_name, name_prefix, last_name, name_norm, birth_date, street, house_number,"
                + " house_number_addition, postcode, city, email, phone, preferred_channel, lives_in_municipality,"
                + " working, bsn_cipher, bsn_hash, iban_cipher, identity_key, registered_at, updated_at, version)"
                + " values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1)");
             PreparedStatement tok = c.prepareStatement(
                     "insert into registration_name_token (tenant, token, caregiver_id) values (?,?,?)");
             PreparedStatement hist = c.prepareStatement("insert into registration_history (tenant, caregiver_id,"
                     + " at, actor, action, detail) values (?,?,?,?,?,?)")) {
            for (int i = 0; i < rows; i++) {
                String id = UUID.randomUUID().toString();
                String first = FIRST[rnd.nextInt(FIRST.length)];
                String last = LAST[rnd.nextInt(LAST.length)] + " " + i;
                String norm = first + " " + last;
                LocalDate birth = LocalDate.of(1940 + rnd.nextInt(76), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28));
                String postcode = (1000 + rnd.nextInt(9000)) + " " + (char) ('A' + rnd.nextInt(26)) + (char) ('A' + rnd.nextInt(26));
                String identity = HexFormat.of().formatHex(sha.digest((norm + "|" + birth + "|" + postcode)
                        .getBytes(StandardCharsets.UTF_8)));
                Timestamp now = Timestamp.from(Instant.now());
                Object[] values = {id, "GM0363", "actief", first, null, last, norm, Date.valueOf(birth), null,
                        1 + rnd.nextInt(300), null, postcode, null, null, null, null, null, rnd.nextBoolean(), null,
                        null, null, identity, now, now};
                for (int k = 0; k < values.length; k++) {
                    cg.setObject(k + 1, values[k]);
                }
                hist.setString(1, "GM0363");
                hist.setString(2, id);
                hist.setTimestamp(3, now);
                hist.setString(4, "consulent-amsterdam");
                hist.setString(5, "geregistreerd");
                hist.setString(6, null);
                java.util.Set<String> tokens = new java.util.TreeSet<>(java.util.Arrays.asList(norm.split(" ")));
                if (batch) {
                    cg.addBatch();
                    hist.addBatch();
                    for (String t : tokens) {
                        token(tok, t, id);
                        tok.addBatch();
                    }
                    if ((i + 1) % batchSize == 0 || i == rows - 1) {
                        // parents first: tokens and history reference the caregiver
                        cg.executeBatch();
                        tok.executeBatch();
                        hist.executeBatch();
                        c.commit();
                    }
                } else {
                    // one transaction per registration, in the order the API writes the rows
                    cg.executeUpdate();
                    for (String t : tokens) {
                        token(tok, t, id);
                        tok.executeUpdate();
                    }
                    hist.executeUpdate();
                    c.commit();
                }
            }
        }
    }

    private static void token(PreparedStatement tok, String token, String id) throws java.sql.SQLException {
        tok.setString(1, "GM0363");
        tok.setString(2, token);
        tok.setString(3, id);
    }
}
