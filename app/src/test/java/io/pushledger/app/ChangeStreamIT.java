package io.pushledger.app;

import static io.pushledger.app.SignedCallback.aPushInterruption;
import static io.pushledger.app.SignedCallback.aPushStart;
import static io.pushledger.app.SignedCallback.uniqueSequence;
import static io.pushledger.app.SignedCallback.uniqueStream;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The change stream across replicas (ADR 14): a change committed by one replica reaches the followers of
 * the other, a follower that lost its connection resumes after the last event it saw, on either replica, and an
 * open stream does not hold up a replica's shutdown.
 */
class ChangeStreamIT {

    /** Well below the hub's 15 s poll: only the NOTIFY brings a change that soon. */
    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final String TOKEN = "test-api-token";

    private final Ledger ledger = Ledger.ofTestDatabase();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable closeable : opened.reversed()) {
            closeable.close();
        }
    }

    @Test
    void aChangeCommittedByOneReplicaReachesTheFollowersOfTheOtherAndAResumedFollowerMissesNothing() throws Exception {
        ServiceProcess a = open(ServiceProcess.start("change-stream-it-a", ledger));
        ServiceProcess b = open(ServiceProcess.start("change-stream-it-b", ledger));
        a.awaitReady(Duration.ofSeconds(120));
        b.awaitReady(Duration.ofSeconds(120));
        ChangeStreamClient onB = open(new ChangeStreamClient(b.uri("/"), TOKEN, null));
        assertThat(onB.status()).isEqualTo(200);
        awaitFollowing(a, onB);

        String sequence = uniqueSequence();
        String stream = uniqueStream();
        assertThat(a.postCallback(aPushStart(sequence, stream).json()).statusCode()).isEqualTo(200);
        ChangeStreamClient.Event started = onB.nextOf(sequence, BOUND);
        assertThat(started.name()).isEqualTo("started");
        assertThat(started.data()).contains("\"streamId\":\"" + stream + "\"", "\"status\":\"LIVE\"");
        onB.close();

        // While nobody follows, the push ends on B; then a follower resumes on A after the start it saw.
        assertThat(b.postCallback(aPushInterruption(sequence, stream).json()).statusCode()).isEqualTo(200);
        String other = uniqueSequence();
        assertThat(b.postCallback(aPushStart(other, uniqueStream()).json()).statusCode()).isEqualTo(200);
        ChangeStreamClient resumedOnA = open(new ChangeStreamClient(a.uri("/"), TOKEN, started.id()));
        ChangeStreamClient.Event ended = resumedOnA.next(event -> event.name() != null && !event.name().isEmpty(), BOUND);
        assertThat(ended.name()).as("the first event after the one seen last").isEqualTo("ended");
        assertThat(ended.data()).contains("\"sequence\":\"" + sequence + "\"", "\"category\":\"CLIENT_STOPPED\"");
        assertThat(Long.parseLong(ended.id())).isGreaterThan(Long.parseLong(started.id()));
        assertThat(resumedOnA.nextOf(other, BOUND).name()).isEqualTo("started");

        // A follower never ends its stream by itself: on SIGTERM the replica lets it go rather than wait 20 s for it.
        a.terminate();
        assertThat(a.waitForExit(Duration.ofSeconds(10))).as("the replica exited within 10 s of SIGTERM").isTrue();
        assertThat(a.exitValue()).isIn(0, ServiceProcess.TERMINATED);
    }

    /** A follower joins asynchronously: a throwaway push's change arriving means it follows. */
    private static void awaitFollowing(ServiceProcess writer, ChangeStreamClient follower) throws Exception {
        String probe = uniqueSequence();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            assertThat(writer.postCallback(aPushStart(probe, uniqueStream()).json()).statusCode()).isEqualTo(200);
            try {
                follower.nextOf(probe, Duration.ofSeconds(2));
                return;
            } catch (AssertionError notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                probe = uniqueSequence();
            }
        }
    }

    private <T extends AutoCloseable> T open(T closeable) {
        opened.add(closeable);
        return closeable;
    }
}
