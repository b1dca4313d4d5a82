package io.pushledger.app;

import io.pushledger.domain.port.in.ExpireHistoryUseCase;
import io.pushledger.domain.port.in.ExpireHistoryUseCase.ExpiredBatch;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Deletes expired history on a schedule ({@code PUSHLEDGER_RETENTION_EVERY}, default hourly; {@code off}
 * disables it), one small batch per transaction so that callbacks are never held up for long.
 * Replicas may run it at the same time: each deletes what is still there.
 */
@ApplicationScoped
public class HistoryRetentionJob {

    private static final Logger LOG = Logger.getLogger(HistoryRetentionJob.class);
    /** Bounds one run; what is left is deleted by the next. */
    static final int MAX_BATCHES_PER_RUN = 1000;

    private final ExpireHistoryUseCase expireHistory;

    HistoryRetentionJob(ExpireHistoryUseCase expireHistory) {
        this.expireHistory = expireHistory;
    }

    @Scheduled(identity = "history-retention", every = "${pushledger.retention.every}",
            delayed = "${pushledger.retention.initial-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expireHistory() {
        int sessions = 0;
        int events = 0;
        for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
            ExpiredBatch expired = QuarkusTransaction.requiringNew().call(expireHistory::expireBatch);
            sessions += expired.sessions();
            events += expired.events();
            if (expired.complete()) {
                break;
            }
        }
        if (sessions + events > 0) {
            LOG.infof("Retention deleted %d sessions and %d callbacks past the retention period", sessions, events);
        }
    }
}
