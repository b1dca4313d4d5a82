package io.pushledger.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A real PostgreSQL server, from the binaries zonky ships on Maven Central, started once per JVM on a free
 * loopback port, with a database {@value #DATABASE} owned by the superuser {@value #USERNAME} (trust
 * authentication, so no password). It stops when the JVM exits.
 *
 * <p>PostgreSQL refuses to run as root. As root, zonky runs {@code initdb} and {@code pg_ctl} under
 * {@code unshare -U}: in a user namespace of their own, where they are the unprivileged user {@code nobody}
 * (ADR 13). Where user namespaces are not allowed, starting fails with a message saying what to do instead.
 */
public final class EmbeddedPostgresql {

    static final String DATABASE = "pushledger";
    static final String USERNAME = "postgres";

    /**
     * The URL of the server this JVM started. Quarkus builds its configuration in several class loaders, each of
     * which loads this class anew: a System property is what they share, so that they all use one server.
     */
    private static final String STARTED_URL = "embedded-postgresql.started-jdbc-url";
    /** A string literal is one object in the whole JVM, whichever class loader loaded this class. */
    private static final Object LOCK = "io.pushledger.embedded.EmbeddedPostgresql";

    private EmbeddedPostgresql() {
    }

    /**
     * The JDBC URL of this JVM's embedded server, started on first use.
     *
     * @param dataDirectory where the cluster lives; with {@code keepData} it is reused by the next start
     * @param keepData      false: a fresh cluster, deleted when the JVM exits (tests)
     */
    public static String jdbcUrl(Path dataDirectory, boolean keepData) {
        synchronized (LOCK) {
            String started = System.getProperty(STARTED_URL);
            if (started == null) {
                started = start(dataDirectory.toAbsolutePath(), keepData);
                System.setProperty(STARTED_URL, started);
            }
            return started;
        }
    }

    public static String username() {
        return USERNAME;
    }

    private static String start(Path dataDirectory, boolean keepData) {
        refuseRootWithoutUserNamespaces();
        Path log = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log");
        EmbeddedPostgres server;
        try {
            Files.createDirectories(dataDirectory.getParent());
            server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(!keepData)
                    // Tests start several copies of the service at once (two replicas of 20 connections each).
                    .setServerConfig("max_connections", "200")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("The embedded PostgreSQL did not start in " + dataDirectory + " (its log: "
                    + log + "). If an earlier run was killed, its server may still hold that directory: delete it, or"
                    + " set QUARKUS_DATASOURCE_JDBC_URL to use an existing PostgreSQL instead.", e);
        }
        createDatabase(server);
        return "jdbc:postgresql://localhost:" + server.getPort() + "/" + DATABASE;
    }

    private static void refuseRootWithoutUserNamespaces() {
        if ("root".equals(System.getProperty("user.name")) && !LinuxUtils.isUnshareAvailable()) {
            throw new IllegalStateException("PostgreSQL refuses to run as root, and 'unshare -U' (a user namespace, where"
                    + " the embedded server would run as an unprivileged user) is not allowed here. Run as an"
                    + " unprivileged user, or set QUARKUS_DATASOURCE_JDBC_URL (with _USERNAME and _PASSWORD) to an"
                    + " existing PostgreSQL.");
        }
    }

    private static void createDatabase(EmbeddedPostgres server) {
        try (Connection connection = server.getPostgresDatabase().getConnection();
                PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet found = exists.executeQuery(); Statement create = connection.createStatement()) {
                if (!found.next()) {
                    create.execute("CREATE DATABASE " + DATABASE);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the database " + DATABASE + " in the embedded PostgreSQL", e);
        }
    }
}
