package io.pushledger.app;

import io.pushledger.domain.port.out.SessionChanges;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/** Deletes the change stream's changes older than {@code PUSHLEDGER_CHANGES_MAX_AGE} (ADR 14); replicas may overlap. */
@ApplicationScoped
public class SessionChangeRetention {

    private final SessionChanges changes;
    private final PushLedgerConfig config;
    private final Clock clock;

    SessionChangeRetention(SessionChanges changes, PushLedgerConfig config, Clock clock) {
        this.changes = changes;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(identity = "session-change-retention", every = "5m", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deleteOldChanges() {
        changes.deleteBefore(clock.instant().minus(config.changes().maxAge()));
    }
}
