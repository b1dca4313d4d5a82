package io.pushledger.domain.service;

import io.pushledger.domain.model.PushSession;
import io.pushledger.domain.model.Sequence;
import io.pushledger.domain.port.in.CountInterruptionsQuery;
import io.pushledger.domain.port.in.CountInterruptionsUseCase;
import io.pushledger.domain.port.in.FindSessionsQuery;
import io.pushledger.domain.port.in.FindSessionsUseCase;
import io.pushledger.domain.port.in.InterruptionCounts;
import io.pushledger.domain.port.in.SessionPage;
import io.pushledger.domain.port.in.SessionPosition;
import io.pushledger.domain.port.in.SessionTimeline;
import io.pushledger.domain.port.out.CallbackHistory;
import io.pushledger.domain.port.out.SessionHistory;
import io.pushledger.domain.port.out.SessionLedger;
import java.util.List;
import java.util.Optional;

/** Answers questions about past and present pushes. Pages are keyset pages: positions, not offsets. */
public final class SessionHistoryService implements FindSessionsUseCase, CountInterruptionsUseCase {

    private final SessionHistory history;
    private final SessionLedger sessions;
    private final CallbackHistory callbacks;

    public SessionHistoryService(SessionHistory history, SessionLedger sessions, CallbackHistory callbacks) {
        this.history = history;
        this.sessions = sessions;
        this.callbacks = callbacks;
    }

    @Override
    public SessionPage find(FindSessionsQuery query) {
        // One more than asked says whether another page follows, without counting.
        List<PushSession> found = history.list(query.criteria(), query.started(), query.after(), query.limit() + 1);
        if (found.size() <= query.limit()) {
            return new SessionPage(found, null);
        }
        List<PushSession> page = found.subList(0, query.limit());
        return new SessionPage(page, SessionPosition.of(page.getLast()));
    }

    @Override
    public long countLive() {
        return history.countLive();
    }

    @Override
    public Optional<SessionTimeline> timeline(Sequence sequence) {
        return sessions.find(sequence)
                .map(session -> new SessionTimeline(session, callbacks.ofPush(sequence)));
    }

    @Override
    public InterruptionCounts count(CountInterruptionsQuery query) {
        return history.countInterruptions(query);
    }
}
