package io.pushledger.app;

import static io.pushledger.app.SignedCallback.aPushStart;
import static io.pushledger.app.SignedCallback.uniqueSequence;
import static io.pushledger.app.SignedCallback.uniqueStream;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * History reads are bounded (ADR 12): a statement running longer than the read timeout (5 s) is a
 * problem+json 503, and reads run on a pool of their own, so callbacks are stored while every read
 * connection is taken. The reads are held up by a lock on the interruption rollup, which the statistics
 * read and a push start never writes.
 */
@QuarkusTest
class HistoryReadLimitsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Far above the read timeout and the wait for a read connection, so that only a read nothing bounds
     * reaches it, however loaded the machine.
     */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TestHTTPResource("/api/v1/stats/interruptions")
    URI stats;

    private final Ledger ledger = Ledger.ofTestDatabase();
    private final HttpClient http = HttpClient.newHttpClient();
    private Connection locker;

    @AfterEach
    void release() throws SQLException {
        if (locker != null) {
            locker.close();
        }
        http.close();
    }

    @Test
    void aReadLongerThanTheReadTimeoutIsA503ProblemToRetry() throws Exception {
        lockTheRollup();

        HttpResponse<String> answer = read().get();

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.headers().firstValue("Retry-After")).isPresent();
        assertThat(JSON.readTree(answer.body()).path("type").asText()).isEqualTo("urn:pushledger:problem:read-timeout");
    }

    @Test
    void callbacksAreStoredWhileEveryReadConnectionIsTaken() throws Exception {
        lockTheRollup();
        // More reads than the service pool has connections (20), let alone the read pool (8).
        List<CompletableFuture<HttpResponse<String>>> reads = IntStream.range(0, 24).mapToObj(i -> read()).toList();
        ServiceProcess.await("the read pool to be taken", Duration.ofSeconds(10), () -> readsWaitingOnTheLock() >= 8);

        String sequence = uniqueSequence();
        CallbackRecordingTest.accepted(aPushStart(sequence, uniqueStream()));

        assertThat(ledger.sessions(sequence)).hasSize(1);
        for (CompletableFuture<HttpResponse<String>> read : reads) {
            HttpResponse<String> answer = read.get();
            assertThat(answer.statusCode()).isEqualTo(503);
            JsonNode problem = JSON.readTree(answer.body());
            assertThat(problem.path("type").asText()).isIn(
                    "urn:pushledger:problem:read-timeout", "urn:pushledger:problem:history-busy");
        }
    }

    /**
     * Takes the lock every statistics read must wait for, until the test ends, once a read has gone through
     * (so that the time to the first answer of a fresh service is not counted against the timeout).
     */
    private void lockTheRollup() throws Exception {
        assertThat(read().get().statusCode()).as("a read before the lock").isEqualTo(200);
        locker = ledger.connect();
        locker.setAutoCommit(false);
        try (Statement lock = locker.createStatement()) {
            lock.execute("LOCK TABLE interruptions_by_day IN ACCESS EXCLUSIVE MODE");
        }
    }

    private CompletableFuture<HttpResponse<String>> read() {
        return http.sendAsync(HttpRequest.newBuilder(stats).timeout(PATIENCE)
                        .header("Authorization", "Bearer " + HistoryApi.TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private long readsWaitingOnTheLock() {
        return ledger.count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND wait_event_type = 'Lock' AND query LIKE '%interruptions_by_day%'");
    }
}
