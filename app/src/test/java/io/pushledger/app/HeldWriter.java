package io.pushledger.app;

import static io.pushledger.app.SignedCallback.aPushStart;
import static io.pushledger.app.SignedCallback.uniqueStream;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Holds the one group-commit writer of the @QuarkusTest profile: a callback on a path locked in this connection's
 * open transaction keeps the writer's transaction waiting, while the callbacks sent meanwhile queue up for the next
 * group. Committing the connection lets the writer go on.
 */
final class HeldWriter implements AutoCloseable {

    private final Connection holder;
    private final CompletableFuture<Integer> blocked;

    private HeldWriter(Connection holder, CompletableFuture<Integer> blocked) {
        this.holder = holder;
        this.blocked = blocked;
    }

    /** Locks a path, sends a start on it with {@code send}, and returns once the writer waits for the lock. */
    static HeldWriter hold(Ledger ledger, String sequence, Function<String, CompletableFuture<Integer>> send)
            throws Exception {
        Connection holder = ledger.connect();
        String stream = uniqueStream();
        holder.setAutoCommit(false);
        try (PreparedStatement lock = holder.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            lock.setString(1, "test.domain.com/live/" + stream);
            lock.executeQuery().close();
        }
        CompletableFuture<Integer> answer = send.apply(aPushStart(sequence, stream).json());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!writerWaitsForALock(holder)) {
            assertThat(System.nanoTime()).as("the writer never waited for the lock").isLessThan(deadline);
            Thread.sleep(20);
        }
        return new HeldWriter(holder, answer);
    }

    /** The answer to the callback that holds the writer. */
    CompletableFuture<Integer> blocked() {
        return blocked;
    }

    void release() throws SQLException {
        holder.commit();
    }

    @Override
    public void close() throws SQLException {
        holder.close();
    }

    private static boolean writerWaitsForALock(Connection connection) throws SQLException {
        try (Statement query = connection.createStatement();
                ResultSet waiting = query.executeQuery(
                        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")) {
            waiting.next();
            return waiting.getLong(1) > 0;
        }
    }
}
