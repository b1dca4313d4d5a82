package io.pushledger.app;

import static io.pushledger.domain.fixtures.PushEvents.aPushStart;
import static io.pushledger.domain.fixtures.Sessions.sessionOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.pushledger.domain.model.PushSession;
import io.pushledger.domain.model.SessionChange;
import io.pushledger.domain.port.out.SessionChanges;
import io.pushledger.domain.port.out.SessionLedger;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The change stream's positions against PostgreSQL (V13, ADR 18): two writing transactions commit side by side,
 * and a reader never gets a change before one that could still come ahead of it, so that a follower resuming
 * after what it saw misses nothing.
 */
@QuarkusTest
class SessionChangePositionsTest {

    @Inject
    SessionLedger sessions;

    @Inject
    SessionChanges changes;

    private final ExecutorService writers = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopWriters() {
        writers.shutdownNow();
    }

    @Test
    void aTransactionCommitsItsChangesWhileAnEarlierWriterIsStillOpenAndReadersWaitForTheEarlierOne() throws Exception {
        long joined = changes.latest();
        PushSession first = aStartedSession();
        PushSession second = aStartedSession();
        CountDownLatch firstWritten = new CountDownLatch(1);
        CountDownLatch firstMayCommit = new CountDownLatch(1);
        Future<?> firstWriter = writers.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
            sessions.saveAll(List.of(first));
            firstWritten.countDown();
            await(firstMayCommit);
        }));
        assertThat(firstWritten.await(10, TimeUnit.SECONDS)).isTrue();

        // Under V12 the second transaction waited here for the first one's commit (the position row's lock).
        writers.submit(() -> QuarkusTransaction.requiringNew().run(() -> sessions.saveAll(List.of(second))))
                .get(3, TimeUnit.SECONDS);
        assertThat(sequencesAfter(joined)).as("while the first writer is open").doesNotContain(second.sequence().value());

        firstMayCommit.countDown();
        firstWriter.get(10, TimeUnit.SECONDS);
        assertThat(sequencesAfter(joined)).containsSubsequence(first.sequence().value(), second.sequence().value());
    }

    @Test
    void aTransactionSavingTwiceTakesPositionsAfterItsOwn() {
        long joined = changes.latest();
        PushSession one = aStartedSession();
        PushSession two = aStartedSession();
        QuarkusTransaction.requiringNew().run(() -> {
            sessions.save(one);
            sessions.save(two);
        });
        assertThat(sequencesAfter(joined)).containsSubsequence(one.sequence().value(), two.sequence().value());
    }

    @Test
    void theRetentionRemembersTheHighestPositionItForgot() {
        long joined = changes.latest();
        QuarkusTransaction.requiringNew().run(() -> sessions.save(aStartedSession()));
        long written = changes.after(joined, 1_000).getLast().position();

        changes.deleteBefore(Instant.now().plusSeconds(60));

        assertThat(changes.forgottenUpTo()).isGreaterThanOrEqualTo(written);
        assertThat(changes.after(joined, 1_000)).isEmpty();
    }

    private List<String> sequencesAfter(long position) {
        return changes.after(position, 1_000).stream().map(SessionChange::session)
                .map(session -> session.sequence().value()).toList();
    }

    private static PushSession aStartedSession() {
        String sequence = UUID.randomUUID().toString();
        return sessionOf(aPushStart().withSequence(sequence).onStream("positions.example.com", "live", "s-" + sequence).build());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
