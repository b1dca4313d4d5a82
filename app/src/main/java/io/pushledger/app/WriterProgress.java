package io.pushledger.app;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the group-commit writers: DOWN while callbacks wait and the database has answered none of their
 * transactions for longer than a write may take (a stalled or overwhelmed database, which the connection check
 * alone can miss), UP again as soon as it answers one. Idle writers are ready.
 */
@Readiness
@Singleton
class WriterProgress implements HealthCheck {

    static final String NAME = "Callback writers";

    private final long stalledAfterNanos;
    private final AtomicInteger unanswered = new AtomicInteger();
    private volatile long lastProgress = System.nanoTime();

    WriterProgress(PushLedgerConfig config) {
        this.stalledAfterNanos = config.callback().groupCommit().socketTimeout().toNanos();
    }

    /** A callback is waiting; if none was, the wait for the database starts now. */
    void arrived() {
        if (unanswered.getAndIncrement() == 0) {
            lastProgress = System.nanoTime();
        }
    }

    void answered() {
        unanswered.decrementAndGet();
    }

    /** The database answered a transaction of the writers. */
    void databaseAnswered() {
        lastProgress = System.nanoTime();
    }

    @Override
    public HealthCheckResponse call() {
        int waiting = unanswered.get();
        long stalled = waiting == 0 ? 0 : System.nanoTime() - lastProgress;
        return HealthCheckResponse.named(NAME)
                .status(stalled <= stalledAfterNanos)
                .withData("callbacks-unanswered", waiting)
                .withData("no-progress-for", Duration.ofNanos(stalled).toString())
                .build();
    }
}
