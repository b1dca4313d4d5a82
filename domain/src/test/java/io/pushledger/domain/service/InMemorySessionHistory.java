package io.pushledger.domain.service;

import io.pushledger.domain.model.PushSession;
import io.pushledger.domain.model.SessionStatus;
import io.pushledger.domain.port.in.CountInterruptionsQuery;
import io.pushledger.domain.port.in.InterruptionCounts;
import io.pushledger.domain.port.in.SessionCriteria;
import io.pushledger.domain.port.in.SessionPosition;
import io.pushledger.domain.port.in.TimeRange;
import io.pushledger.domain.port.out.SessionHistory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Sessions in a list, ordered as the port promises; criteria other than the time range are not modelled. */
final class InMemorySessionHistory implements SessionHistory {

    static final Comparator<PushSession> NEWEST_FIRST = Comparator.comparing(PushSession::startedAt)
            .thenComparing(session -> session.sequence().value())
            .reversed();

    private final List<PushSession> sessions = new ArrayList<>();

    void add(PushSession session) {
        sessions.add(session);
    }

    @Override
    public List<PushSession> list(SessionCriteria criteria, TimeRange started, SessionPosition after, int max) {
        return sessions.stream()
                .filter(session -> started.contains(session.startedAt()))
                .filter(session -> after == null || NEWEST_FIRST.compare(session, positionOf(after)) > 0)
                .sorted(NEWEST_FIRST)
                .limit(max)
                .toList();
    }

    @Override
    public long countLive() {
        return sessions.stream().filter(session -> session.status() == SessionStatus.LIVE).count();
    }

    @Override
    public InterruptionCounts countInterruptions(CountInterruptionsQuery query) {
        throw new UnsupportedOperationException("not needed by these tests");
    }

    private PushSession positionOf(SessionPosition position) {
        return sessions.stream()
                .filter(session -> session.sequence().equals(position.sequence()))
                .findFirst()
                .orElseThrow();
    }
}
