package io.pushledger.domain.service;

import io.pushledger.domain.model.CallbackEvent;
import io.pushledger.domain.model.PushEvent;
import io.pushledger.domain.model.StreamPath;
import io.pushledger.domain.port.in.RecordCallbackCommand;
import io.pushledger.domain.port.in.RecordCallbackUseCase;
import io.pushledger.domain.port.in.RecordOutcome;
import io.pushledger.domain.port.out.CallbackLedger.Delivery;
import io.pushledger.domain.port.out.CallbackLedger.Received;
import io.pushledger.domain.port.out.CallbackLedger;
import io.pushledger.domain.port.out.SessionLedger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stores each callback once and keeps the push sessions in step with the push callbacks, in the caller's
 * transaction; the app's group commit runs it and implements {@link RecordCallbackUseCase}.
 */
public final class RecordCallbackService {

    private final CallbackLedger events;
    private final SessionLedger sessions;
    private final Clock clock;

    public RecordCallbackService(CallbackLedger events, SessionLedger sessions, Clock clock) {
        this.events = events;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** {@link #recordAll} of one callback. */
    public RecordOutcome record(RecordCallbackCommand command) {
        return recordAll(List.of(command)).getFirst();
    }

    /**
     * Records the callbacks in the caller's one transaction with the outcomes of recording them one after
     * the other, in the order given. The store is asked a fixed number of times whatever their number:
     * lock the paths of the push callbacks (all first, so no lock is awaited while others are held), store
     * the events, read the sessions concerned, write the sessions changed.
     */
    public List<RecordOutcome> recordAll(List<RecordCallbackCommand> commands) {
        List<PushEvent> pushes = commands.stream()
                .map(RecordCallbackCommand::event)
                .<PushEvent>mapMulti((event, accept) -> {
                    if (event instanceof PushEvent push) {
                        accept.accept(push);
                    }
                })
                .toList();
        Map<StreamPath, Instant> paths = Succession.pathsToRead(pushes);
        sessions.lockPaths(paths.keySet());
        Instant receivedAt = clock.instant();
        List<Delivery> deliveries = events.recordAll(commands.stream()
                .map(command -> new Received(command.event(), command.body(), receivedAt))
                .toList());
        Succession succession = pushes.isEmpty()
                ? null
                : new Succession(sessions.surroundings(
                        pushes.stream().map(PushEvent::sequence).distinct().toList(), paths));
        List<RecordOutcome> outcomes = new ArrayList<>(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            CallbackEvent event = commands.get(i).event();
            if (deliveries.get(i) == Delivery.REPEATED) {
                outcomes.add(new RecordOutcome.Duplicate(event));
            } else if (event instanceof PushEvent push) {
                outcomes.add(new RecordOutcome.Recorded(push, succession.apply(push)));
            } else {
                outcomes.add(new RecordOutcome.Recorded(event, null));
            }
        }
        if (succession != null) {
            sessions.saveAll(succession.changed());
        }
        return outcomes;
    }
}
