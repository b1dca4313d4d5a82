package io.pushledger.domain.service;

import io.pushledger.domain.model.OtherEvent;
import io.pushledger.domain.model.PushEvent;
import io.pushledger.domain.model.PushSession;
import io.pushledger.domain.port.in.RecordCallbackCommand;
import io.pushledger.domain.port.in.RecordCallbackUseCase;
import io.pushledger.domain.port.in.RecordOutcome;
import io.pushledger.domain.port.out.CallbackEvents;
import io.pushledger.domain.port.out.CallbackEvents.Delivery;
import io.pushledger.domain.port.out.PushSessions;
import java.time.Clock;
import java.time.Instant;

/** Stores each callback once and keeps the push sessions in step with the push callbacks. */
public final class RecordCallbackService implements RecordCallbackUseCase {

    private final CallbackEvents events;
    private final PushSessions sessions;
    private final Clock clock;

    public RecordCallbackService(CallbackEvents events, PushSessions sessions, Clock clock) {
        this.events = events;
        this.sessions = sessions;
        this.clock = clock;
    }

    @Override
    public RecordOutcome record(RecordCallbackCommand command) {
        Instant receivedAt = clock.instant();
        return switch (command.event()) {
            case PushEvent push -> recordPush(push, command.body(), receivedAt);
            case OtherEvent other -> events.record(other, command.body(), receivedAt) == Delivery.FIRST
                    ? new RecordOutcome.Recorded(other, null)
                    : new RecordOutcome.Duplicate(other);
        };
    }

    private RecordOutcome recordPush(PushEvent push, String body, Instant receivedAt) {
        sessions.lockPath(push.path());
        if (events.record(push, body, receivedAt) == Delivery.REPEATED) {
            return new RecordOutcome.Duplicate(push);
        }
        PushSession session = sessions.find(push.sequence())
                .map(known -> known.apply(push))
                .orElseGet(() -> PushSession.from(push));
        session = settleSuccession(session);
        sessions.save(session);
        return new RecordOutcome.Recorded(push, session);
    }

    /** Older open pushes on the path go stale; this one does too if a later push has already started. */
    private PushSession settleSuccession(PushSession session) {
        for (PushSession older : sessions.liveOn(session.path(), session.sequence())) {
            if (older.isSupersededBy(session)) {
                sessions.save(older.supersede());
            }
        }
        if (session.isOpen() && sessions.anyStartedAfter(session.path(), session.startedAt(), session.sequence())) {
            return session.supersede();
        }
        return session;
    }
}
