package io.pushledger.domain.service;

import io.pushledger.domain.model.RetentionPolicy;
import io.pushledger.domain.port.in.ExpireHistoryUseCase;
import io.pushledger.domain.port.out.CallbackLedger;
import io.pushledger.domain.port.out.SessionLedger;
import java.time.Clock;
import java.time.Instant;

/** Sessions that started, and callbacks received, longer ago than the retention period are deleted. */
public final class ExpireHistoryService implements ExpireHistoryUseCase {

    private final CallbackLedger events;
    private final SessionLedger sessions;
    private final RetentionPolicy policy;
    private final Clock clock;

    public ExpireHistoryService(CallbackLedger events, SessionLedger sessions, RetentionPolicy policy, Clock clock) {
        this.events = events;
        this.sessions = sessions;
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public ExpiredBatch expireBatch() {
        Instant cutoff = clock.instant().minus(policy.maxAge());
        int expiredSessions = sessions.deleteStartedBefore(cutoff, policy.batchSize());
        int expiredEvents = events.deleteReceivedBefore(cutoff, policy.batchSize());
        boolean complete = expiredSessions < policy.batchSize() && expiredEvents < policy.batchSize();
        return new ExpiredBatch(expiredSessions, expiredEvents, complete);
    }
}
