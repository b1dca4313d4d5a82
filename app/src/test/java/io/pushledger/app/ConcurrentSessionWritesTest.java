package io.pushledger.app;

import static io.pushledger.domain.fixtures.PushEvents.aPushInterruption;
import static io.pushledger.domain.fixtures.PushEvents.aPushStart;
import static io.pushledger.domain.fixtures.Sessions.sessionOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.pushledger.domain.model.PushSession;
import io.pushledger.domain.port.out.SessionLedger;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two transactions ending sessions of the same interruption groups at the same time — two writers of
 * the group commit, or two replicas — must not deadlock on the rows of interruptions_by_day (V5) that
 * the trigger updates: V8's statement trigger adds a whole statement's sessions to their groups in the
 * rollup's key order, whatever order the sessions come in.
 */
@QuarkusTest
class ConcurrentSessionWritesTest {

    private static final int GROUPS = 12;
    private static final int ROUNDS = 30;
    private static final String DEADLOCK = "40P01";

    @Inject
    SessionLedger sessions;

    private final String tag = UUID.randomUUID().toString().substring(0, 8);
    private final ExecutorService writers = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopWriters() {
        writers.shutdownNow();
    }

    @Test
    void transactionsEndingSessionsOfTheSameGroupsInOppositeOrdersDoNotDeadlock() throws Exception {
        CyclicBarrier together = new CyclicBarrier(2);
        Future<Integer> ascending = writers.submit(() -> deadlocksWriting(together, false));
        Future<Integer> descending = writers.submit(() -> deadlocksWriting(together, true));

        assertThat(ascending.get(2, TimeUnit.MINUTES) + descending.get(2, TimeUnit.MINUTES)).isZero();
    }

    /** Each round, one ended session per group, in one transaction started with the other writer's. */
    private int deadlocksWriting(CyclicBarrier together, boolean reversed) throws Exception {
        int deadlocks = 0;
        for (int round = 0; round < ROUNDS; round++) {
            List<PushSession> ended = new ArrayList<>();
            for (int group = 0; group < GROUPS; group++) {
                // One domain per group: each session counts in a rollup row of its own.
                String domain = "lock-order-" + tag + "-" + (reversed ? GROUPS - 1 - group : group) + ".example.com";
                String sequence = UUID.randomUUID().toString();
                ended.add(sessionOf(
                        aPushStart().withSequence(sequence).onStream(domain, "live", "s-" + sequence).build(),
                        aPushInterruption().withSequence(sequence).onStream(domain, "live", "s-" + sequence).build()));
            }
            together.await(10, TimeUnit.SECONDS);
            try {
                QuarkusTransaction.requiringNew().run(() -> sessions.saveAll(ended));
            } catch (RuntimeException e) {
                if (!DEADLOCK.equals(sqlState(e))) {
                    throw e;
                }
                deadlocks++;
            }
        }
        return deadlocks;
    }

    private static String sqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
