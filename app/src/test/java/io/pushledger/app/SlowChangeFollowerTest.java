package io.pushledger.app;

import static io.pushledger.app.SignedCallback.aPushStart;
import static io.pushledger.app.SignedCallback.uniqueSequence;
import static io.pushledger.app.SignedCallback.uniqueStream;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/**
 * A follower of the change stream that stops reading is cut off — its connection closed, the changes kept for it
 * dropped — once its socket's buffers are full and it has taken nothing for the stall timeout (3 s in the tests),
 * while callbacks are answered and another follower, reading, gets every change of a burst far larger than the
 * 1,024 a follower may have waiting in memory (ADR 14).
 */
@QuarkusTest
class SlowChangeFollowerTest {

    /**
     * Changes committed while the follower does not read, in bursts of {@link #BATCH}: more than its socket's
     * buffers take (a 4 KiB receive buffer and what the kernel gives the service's send buffer: about 6,000
     * changes on Linux here) and the 1,024 a follower may have waiting.
     */
    private static final int CHANGES = 12_000;
    private static final int BATCH = 1_000;
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final String CUT_OFF = "pushledger_change_followers_cut_off_total";
    private static final String FOLLOWERS = "pushledger_change_followers";

    @TestHTTPResource("/")
    URI base;

    private final Ledger ledger = Ledger.ofTestDatabase();

    @Test
    void aFollowerThatStopsReadingIsCutOffWhileCallbacksAndTheOtherFollowersGoOn() throws Exception {
        double cutOffBefore = metric(CUT_OFF);
        double followersBefore = metric(FOLLOWERS);
        String sequence = uniqueSequence();
        String stream = uniqueStream();
        try (Socket stopped = aFollowerThatReadsNothing();
                ChangeStreamClient reading = new ChangeStreamClient(base, "test-api-token", null)) {
            assertThat(reading.status()).isEqualTo(200);
            awaitMetric(FOLLOWERS, () -> followersBefore + 2);

            CallbackRecordingTest.accepted(aPushStart(sequence, stream));
            for (int written = 0; written < CHANGES; written += BATCH) {
                commitChangesOf(sequence, BATCH);
                // The callback path goes on meanwhile.
                CallbackRecordingTest.accepted(aPushStart(uniqueSequence(), uniqueStream()));
            }
            String last = uniqueSequence();
            CallbackRecordingTest.accepted(aPushStart(last, uniqueStream()));

            long previous = Long.parseLong(reading.nextOf(sequence, BOUND).id());
            for (int i = 0; i < CHANGES; i++) {
                long id = Long.parseLong(reading.nextOf(sequence, BOUND).id());
                assertThat(id).isGreaterThan(previous);
                previous = id;
            }
            assertThat(Long.parseLong(reading.nextOf(last, BOUND).id())).isGreaterThan(previous);

            awaitMetric(CUT_OFF, () -> cutOffBefore + 1);
            awaitMetric(FOLLOWERS, () -> followersBefore + 1);
            Drained drained = drain(stopped);
            assertThat(drained.closed()).as("the connection of the follower that stopped reading is closed").isTrue();
            assertThat(drained.events()).isLessThan(CHANGES);
        }
    }

    /** A client that asks for the stream with a small receive buffer, reads the response's head, then nothing. */
    private Socket aFollowerThatReadsNothing() throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()));
        socket.getOutputStream().write(("GET /api/v1/changes HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                + "Accept: text/event-stream\r\nAuthorization: Bearer test-api-token\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        byte[] head = new byte[12];
        int read = socket.getInputStream().readNBytes(head, 0, head.length);
        assertThat(new String(head, 0, read, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
        return socket;
    }

    /** Commits {@code count} changes of one session at once, as a group of callbacks would (V13's positions). */
    private void commitChangesOf(String sequence, int count) {
        ledger.execute("""
                INSERT INTO session_change (position, sequence, status)
                SELECT session_change_base() + n, '%2$s', 'LIVE' FROM generate_series(1, %1$d) AS n
                """.formatted(count, sequence));
    }

    private record Drained(boolean closed, int events) {
    }

    /** Reads what the socket still holds: closed if it ends (or is reset) rather than waits for more. */
    private static Drained drain(Socket socket) throws IOException {
        socket.setSoTimeout(5_000);
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[65_536];
        int events = 0;
        int matched = 0;
        byte[] id = "\nid:".getBytes(StandardCharsets.US_ASCII);
        try {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                for (int i = 0; i < read; i++) {
                    matched = buffer[i] == id[matched] ? matched + 1 : (buffer[i] == id[0] ? 1 : 0);
                    if (matched == id.length) {
                        events++;
                        matched = 0;
                    }
                }
            }
            return new Drained(true, events);
        } catch (SocketTimeoutException stillOpen) {
            return new Drained(false, events);
        } catch (IOException reset) {
            return new Drained(true, events);
        }
    }

    private static double metric(String name) {
        return MetricsTest.value(name, Map.of());
    }

    private static void awaitMetric(String name, DoubleSupplier expected) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (metric(name) != expected.getAsDouble() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(metric(name)).as(name).isEqualTo(expected.getAsDouble());
    }
}
