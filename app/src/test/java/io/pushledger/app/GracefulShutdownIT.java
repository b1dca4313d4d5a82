package io.pushledger.app;

import static io.pushledger.app.SignedCallback.aPushStart;
import static io.pushledger.app.SignedCallback.uniqueSequence;
import static io.pushledger.app.SignedCallback.uniqueStream;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * On SIGTERM, a callback already in its transaction is committed and answered 200 before the process
 * exits. The test holds the advisory lock the service takes on the stream's path, so the callback is
 * certainly in flight when the signal arrives, and releases it only afterwards.
 */
class GracefulShutdownIT {

    private static final Path TARGET = Path.of("target");
    private static final Path LOG = TARGET.resolve("graceful-shutdown-it.log");

    private final Ledger ledger = Ledger.ofTestDatabase();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process application;

    @AfterEach
    void stopTheApplication() throws InterruptedException {
        if (application != null && application.isAlive()) {
            application.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aCallbackInFlightWhenSigtermArrivesIsCommittedAndAnsweredBeforeTheProcessExits() throws Exception {
        String sequence = uniqueSequence();
        String stream = uniqueStream();
        String path = "test.domain.com/live/" + stream;
        int port = freePort();
        application = start(port);
        await("the application to be ready", Duration.ofSeconds(120), () -> isReady(port));

        CompletableFuture<HttpResponse<String>> answer;
        try (Connection lockHolder = ledger.connect()) {
            execute(lockHolder, "SELECT pg_advisory_lock(hashtextextended(?, 0))", path);
            answer = http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/callbacks/css"))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(aPushStart(sequence, stream).json()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            await("the callback to wait for the path's lock", Duration.ofSeconds(30), () -> someoneWaitsFor(path));

            application.destroy();
            assertThat(application.waitFor(2, TimeUnit.SECONDS)).as("exited with a callback in flight").isFalse();

            execute(lockHolder, "SELECT pg_advisory_unlock(hashtextextended(?, 0))", path);
        }

        HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"code\":0}");
        assertThat(application.waitFor(30, TimeUnit.SECONDS)).as("exited after the callback").isTrue();
        // 143 = 128 + SIGTERM, how a JVM ends after running its shutdown hooks; Quarkus logs "stopped" only then.
        assertThat(application.exitValue()).isIn(0, 143);
        assertThat(Files.readString(LOG)).contains("pushledger stopped in");
        assertThat(ledger.session(sequence)).containsEntry("status", "LIVE");
        assertThat(ledger.pushEvents(sequence)).singleElement()
                .satisfies(event -> assertThat(event).containsEntry("deliveries", 1));
    }

    /** The packaged application Quarkus built last: the fast-jar, or the native executable with -Dnative. */
    private Process start(int port) throws IOException {
        Properties artifact = new Properties();
        try (InputStream in = Files.newInputStream(TARGET.resolve("quarkus-artifact.properties"))) {
            artifact.load(in);
        }
        Path executable = TARGET.resolve(artifact.getProperty("path")).toAbsolutePath();
        List<String> command = new ArrayList<>();
        switch (artifact.getProperty("type")) {
            case "jar" -> command.addAll(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", executable.toString()));
            case "native" -> command.add(executable.toString());
            default -> throw new IllegalStateException("cannot run a " + artifact.getProperty("type") + " build");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(LOG.toFile());
        builder.environment().putAll(ledger.asEnvironment());
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().put("PUSHLEDGER_CALLBACK_KEYS", SignedCallback.KEY);
        builder.environment().put("PUSHLEDGER_API_TOKENS", "test-api-token");
        return builder.start();
    }

    private boolean isReady(int port) {
        if (!application.isAlive()) {
            throw new AssertionError("the application exited with " + application.exitValue() + ", see " + LOG);
        }
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether a session waits for the advisory lock on the path: pg_locks shows its key as two 32-bit halves. */
    private boolean someoneWaitsFor(String path) {
        try (Connection connection = ledger.connect();
                PreparedStatement query = connection.prepareStatement("""
                        SELECT count(*) FROM pg_locks
                        WHERE locktype = 'advisory' AND NOT granted AND database = (
                            SELECT oid FROM pg_database WHERE datname = current_database())
                          AND (classid::bigint << 32 | objid::bigint) = hashtextextended(?, 0)""")) {
            query.setString(1, path);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1) > 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void execute(Connection connection, String sql, String parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            statement.executeQuery().close();
        }
    }

    private static void await(String what, Duration bound, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(bound);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("gave up waiting for " + what + " after " + bound + ", see " + LOG);
            }
            Thread.sleep(100);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
