package nl.mantelkring.itest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which database the integration tests run on. H2 (the distribution's default) unless a PostgreSQL server is
 * given as an administrative JDBC URL in the system property {@code mantelkring.itest.postgresql} (the build's
 * PostgreSQL pass sets it from the environment variable {@code MANTELKRING_ITEST_POSTGRESQL}), e.g.
 * {@code jdbc:postgresql://127.0.0.1:55432/postgres?user=postgres&password=secret}: then each test class (each
 * container) gets a database of its own on that server, created afresh, and the container's datasource
 * configuration points at it - the same change an operator makes (README, "PostgreSQL (production)").
 */
final class TestDatabases {

    static final String DATASOURCE_CFG = "etc/org.ops4j.datasource-mantelkring.cfg";
    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^/?]+)/([^?]*)(?:\\?(.*))?");

    /** A database on the server: its JDBC URL (without credentials) and the credentials. */
    record Target(String url, String user, String password) {
    }

    private TestDatabases() {
    }

    /** The administrative URL of the PostgreSQL server to test on, or empty for H2. */
    static String adminUrl() {
        return System.getProperty("mantelkring.itest.postgresql", "").trim();
    }

    static boolean postgresql() {
        return !adminUrl().isEmpty();
    }

    /** Drops the named database if it is left from an earlier run (closing its sessions) and creates it empty. */
    static Target createFresh(String name) {
        String db = name.toLowerCase().replaceAll("[^a-z0-9_]", "_");
        db = db.substring(0, Math.min(db.length(), 63));
        Matcher m = URL.matcher(adminUrl());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a jdbc:postgresql://host:port/db URL: " + adminUrl());
        }
        Map<String, String> params = params(m.group(3));
        try (Connection c = DriverManager.getConnection(adminUrl()); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + db + " with (force)");
            s.execute("create database " + db + " encoding 'UTF8' template template0");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + db + " on " + m.group(1), e);
        }
        return new Target("jdbc:postgresql://" + m.group(1) + "/" + db, params.getOrDefault("user", "postgres"),
                params.getOrDefault("password", ""));
    }

    /** The datasource configuration for the target: the README's PostgreSQL lines. */
    static Map<String, String> datasourceConfig(Target db) {
        Map<String, String> cfg = new LinkedHashMap<>();
        cfg.put("osgi.jdbc.driver.class", "org.postgresql.Driver");
        cfg.put("url", db.url());
        cfg.put("user", db.user());
        cfg.put(".password", db.password());
        return cfg;
    }

    private static Map<String, String> params(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }
}
