package io.pushledger.app;

import static io.pushledger.app.SignedCallback.aPushStart;
import static io.pushledger.app.SignedCallback.uniqueSequence;
import static io.pushledger.app.SignedCallback.uniqueStream;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * On SIGTERM, a callback already in its transaction is committed and answered 200 before the process
 * exits. The test holds the advisory lock the service takes on the stream's path, so the callback is
 * certainly in flight when the signal arrives, and releases it only afterwards.
 */
class GracefulShutdownIT {

    private final Ledger ledger = Ledger.ofTestDatabase();
    private ServiceProcess service;

    @AfterEach
    void stopTheService() throws InterruptedException {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aCallbackInFlightWhenSigtermArrivesIsCommittedAndAnsweredBeforeTheProcessExits() throws Exception {
        String sequence = uniqueSequence();
        String stream = uniqueStream();
        String path = "test.domain.com/live/" + stream;
        service = ServiceProcess.start("graceful-shutdown-it", ledger).awaitReady(Duration.ofSeconds(120));

        CompletableFuture<HttpResponse<String>> answer;
        try (Connection lockHolder = ledger.connect()) {
            execute(lockHolder, "SELECT pg_advisory_lock(hashtextextended(?, 0))", path);
            answer = service.postCallbackAsync(aPushStart(sequence, stream).json());
            ServiceProcess.await("the callback to wait for the path's lock", Duration.ofSeconds(30),
                    () -> someoneWaitsFor(path));

            service.terminate();
            assertThat(service.waitForExit(Duration.ofSeconds(2))).as("exited with a callback in flight").isFalse();

            execute(lockHolder, "SELECT pg_advisory_unlock(hashtextextended(?, 0))", path);
        }

        HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"code\":0}");
        assertThat(service.waitForExit(Duration.ofSeconds(30))).as("exited after the callback").isTrue();
        // A JVM ends with 143 after running its shutdown hooks; Quarkus logs "stopped" only then.
        assertThat(service.exitValue()).isIn(0, ServiceProcess.TERMINATED);
        assertThat(Files.readString(service.log())).contains("pushledger stopped in");
        assertThat(ledger.session(sequence)).containsEntry("status", "LIVE");
        assertThat(ledger.pushEvents(sequence)).singleElement()
                .satisfies(event -> assertThat(event).containsEntry("deliveries", 1));
    }

    /**
     * Both writers stuck in a transaction that cannot finish (each waits for a path's lock the test holds):
     * the callbacks in flight are answered 503 once their commit timeout (15 s) is up, then the writers get
     * what is left of the budget, and the process is gone well within Kubernetes' 30 s grace period.
     */
    @Test
    void withBothWritersStuckTheWholeShutdownStaysWithinTheGracePeriod() throws Exception {
        service = ServiceProcess.start("stuck-writers-shutdown-it", ledger).awaitReady(Duration.ofSeconds(120));
        String first = uniqueStream();
        String second = uniqueStream();
        try (Connection lockHolder = ledger.connect()) {
            for (String stream : List.of(first, second)) {
                String path = "test.domain.com/live/" + stream;
                execute(lockHolder, "SELECT pg_advisory_lock(hashtextextended(?, 0))", path);
                service.postCallbackAsync(aPushStart(uniqueSequence(), stream).json());
                ServiceProcess.await("a writer to wait for " + path, Duration.ofSeconds(30), () -> someoneWaitsFor(path));
            }

            long signalled = System.nanoTime();
            service.terminate();
            boolean exited = service.waitForExit(Duration.ofSeconds(40));
            Duration shutdown = Duration.ofNanos(System.nanoTime() - signalled);

            assertThat(exited).as("exited at all").isTrue();
            assertThat(shutdown).as("SIGTERM to exit").isLessThan(Duration.ofSeconds(28));
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
}
