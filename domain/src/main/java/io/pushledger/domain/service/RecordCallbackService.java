package io.pushledger.domain.service;

import io.pushledger.domain.model.OtherEvent;
import io.pushledger.domain.model.PushEvent;
import io.pushledger.domain.model.PushSession;
import io.pushledger.domain.model.StreamPath;
import io.pushledger.domain.port.in.RecordCallbackCommand;
import io.pushledger.domain.port.in.RecordCallbackUseCase;
import io.pushledger.domain.port.in.RecordOutcome;
import io.pushledger.domain.port.out.CallbackEvents;
import io.pushledger.domain.port.out.CallbackEvents.Delivery;
import io.pushledger.domain.port.out.PushSessions;
import io.pushledger.domain.port.out.PushSessions.OtherPushes;
import io.pushledger.domain.port.out.PushSessions.Surroundings;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

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
        return recordAll(List.of(command)).getFirst();
    }

    /**
     * Records the callbacks one after the other, as {@link #record} would, in the caller's one
     * transaction: the outcomes are in the order of the commands. The paths of all the push callbacks
     * are locked first, so a callback never waits for a lock while holding others.
     */
    public List<RecordOutcome> recordAll(List<RecordCallbackCommand> commands) {
        sessions.lockPaths(commands.stream()
                .map(RecordCallbackCommand::event)
                .<StreamPath>mapMulti((event, paths) -> {
                    if (event instanceof PushEvent push) {
                        paths.accept(push.path());
                    }
                })
                .distinct()
                .toList());
        return commands.stream().map(this::recordOne).toList();
    }

    private RecordOutcome recordOne(RecordCallbackCommand command) {
        Instant receivedAt = clock.instant();
        return switch (command.event()) {
            case PushEvent push -> recordPush(push, command.body(), receivedAt);
            case OtherEvent other -> events.record(other, command.body(), receivedAt) == Delivery.FIRST
                    ? new RecordOutcome.Recorded(other, null)
                    : new RecordOutcome.Duplicate(other);
        };
    }

    private RecordOutcome recordPush(PushEvent push, String body, Instant receivedAt) {
        if (events.record(push, body, receivedAt) == Delivery.REPEATED) {
            return new RecordOutcome.Duplicate(push);
        }
        // The others on the callback's path are the ones that matter: a start gives the session its path,
        // and an interruption leaves it ended, so it can only supersede pushes on its own path.
        Surroundings surroundings = sessions.surroundings(push.sequence(), push.path());
        PushSession session = surroundings.session()
                .map(known -> known.apply(push))
                .orElseGet(() -> PushSession.from(push));
        session = settleSuccession(session, surroundings.others());
        sessions.save(session);
        return new RecordOutcome.Recorded(push, session);
    }

    /** Older open pushes on the path go stale; this one does too if a later push has already started. */
    private PushSession settleSuccession(PushSession session, OtherPushes others) {
        for (PushSession older : others.live()) {
            if (older.isSupersededBy(session)) {
                sessions.save(older.supersede());
            }
        }
        if (session.isOpen() && others.anyStartedAfter(session.startedAt())) {
            return session.supersede();
        }
        return session;
    }
}
