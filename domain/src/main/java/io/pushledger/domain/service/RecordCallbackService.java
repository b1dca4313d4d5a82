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
import io.pushledger.domain.port.out.ContentRefusedException;
import io.pushledger.domain.port.out.SessionLedger;
import io.pushledger.domain.port.out.StoreUnavailableException;
import io.pushledger.domain.port.out.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Recording callbacks: each stored once, the push sessions kept in step with the push callbacks. The app's
 * group commit ({@link RecordCallbackUseCase}) queues the callbacks and hands each group to
 * {@link #recordTogether}, which decides how the group is written and what each callback is answered.
 */
public final class RecordCallbackService {

    private final CallbackLedger events;
    private final SessionLedger sessions;
    private final Transactions transactions;
    private final Clock clock;
    private final Duration longestCommit;

    /**
     * {@code longestCommit} is how long a commit may take before the store counts as unavailable (the store's
     * own timeouts enforce it): a write is started, and committed, only if its commit can end before any of its
     * callbacks is due, so that a callback answered 503 for want of time is never written afterwards.
     */
    public RecordCallbackService(CallbackLedger events, SessionLedger sessions, Transactions transactions,
            Clock clock, Duration longestCommit) {
        this.events = events;
        this.sessions = sessions;
        this.transactions = transactions;
        this.clock = clock;
        this.longestCommit = longestCommit;
    }

    /**
     * Records a group of callbacks, one transaction for all when it can, and tells each how it went, in the
     * order given. Nothing about one callback may cost another its answer: when the group's transaction fails
     * for anything but the store being unavailable, each callback is tried again in a transaction of its own,
     * every one of them, so that only those that fail alone fail. A callback whose content the store refuses
     * is {@link RecordOutcome.Refused}; a callback that could not be answered in time is not written at all.
     */
    public List<Attempt> recordTogether(List<Waiting> group) {
        Attempt[] attempts = new Attempt[group.size()];
        List<Integer> timely = new ArrayList<>(group.size());
        for (int i = 0; i < group.size(); i++) {
            if (hasTimeToCommit(group.get(i))) {
                timely.add(i);
            } else {
                attempts[i] = TOO_LATE;
            }
        }
        if (!timely.isEmpty()) {
            writeTogether(group, timely, attempts);
        }
        return List.of(attempts);
    }

    private void writeTogether(List<Waiting> group, List<Integer> timely, Attempt[] attempts) {
        List<RecordCallbackCommand> commands = timely.stream().map(i -> group.get(i).command()).toList();
        try {
            List<RecordOutcome> outcomes = inOne(timely.stream().map(group::get).toList());
            for (int j = 0; j < timely.size(); j++) {
                attempts[timely.get(j)] = new Attempt.Answered(outcomes.get(j));
            }
        } catch (StoreUnavailableException e) {
            // Not about any one callback: trying each alone would only wait out the same timeouts again.
            timely.forEach(i -> attempts[i] = new Attempt.NotStored(e.getMessage()));
        } catch (RuntimeException e) {
            if (timely.size() == 1) {
                attempts[timely.getFirst()] = failedAlone(commands.getFirst(), e);
            } else {
                timely.forEach(i -> attempts[i] = alone(group.get(i)));
            }
        }
    }

    private Attempt alone(Waiting waiting) {
        if (!hasTimeToCommit(waiting)) {
            return TOO_LATE;
        }
        try {
            return new Attempt.Answered(inOne(List.of(waiting)).getFirst());
        } catch (RuntimeException e) {
            return failedAlone(waiting.command(), e);
        }
    }

    private List<RecordOutcome> inOne(List<Waiting> waiting) {
        return transactions.inOne(() -> {
            List<RecordOutcome> outcomes = recordAll(waiting.stream().map(Waiting::command).toList());
            if (!waiting.stream().allMatch(this::hasTimeToCommit)) {
                throw new StoreUnavailableException("too slow to be committed before its answer is due", null);
            }
            return outcomes;
        });
    }

    private static Attempt failedAlone(RecordCallbackCommand command, RuntimeException e) {
        return e instanceof ContentRefusedException refused
                ? new Attempt.Answered(new RecordOutcome.Refused(command.event(), refused.getMessage()))
                : new Attempt.NotStored(e.getMessage());
    }

    private boolean hasTimeToCommit(Waiting waiting) {
        return !clock.instant().plus(longestCommit).isAfter(waiting.answerBy());
    }

    /** {@link #recordAll} of one callback, in the caller's transaction. */
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

    /** A callback waiting to be written, and when its sender must have its answer (a 503 if nothing else). */
    public record Waiting(RecordCallbackCommand command, Instant answerBy) {
    }

    /** How writing one callback of a group went. */
    public sealed interface Attempt {

        /** The callback's answer is final: stored, already stored, or refused for its content. */
        record Answered(RecordOutcome outcome) implements Attempt {
        }

        /** Nothing of the callback was committed; the sender should retry it. */
        record NotStored(String reason) implements Attempt {
        }
    }

    private static final Attempt TOO_LATE = new Attempt.NotStored("no time left to store it before its answer is due");
}
