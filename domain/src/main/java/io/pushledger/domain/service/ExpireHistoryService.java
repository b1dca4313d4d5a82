package io.pushledger.domain.service;

import io.pushledger.domain.model.RetentionPolicy;
import io.pushledger.domain.model.Sequence;
import io.pushledger.domain.port.in.ExpireHistoryUseCase;
import io.pushledger.domain.port.out.CallbackLedger;
import io.pushledger.domain.port.out.SessionLedger;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * History is deleted once it has been over for longer than the retention period: a push session with
 * its callbacks, together, once the session ended (never while it is LIVE), and callbacks of other kinds
 * once received. The interruption statistics follow (ADR 7's rollup is kept by triggers), so only days
 * older than the retention period lose counts.
 */
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
        List<Sequence> expiredSessions = sessions.deleteOverBefore(cutoff, policy.batchSize());
        int pushEvents = events.deletePushEventsOf(expiredSessions);
        int otherEvents = events.deleteOthersReceivedBefore(cutoff, policy.batchSize());
        boolean complete = expiredSessions.size() < policy.batchSize() && otherEvents < policy.batchSize();
        return new ExpiredBatch(expiredSessions.size(), pushEvents + otherEvents, complete);
    }
}
