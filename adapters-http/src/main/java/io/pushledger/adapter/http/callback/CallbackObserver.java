package io.pushledger.adapter.http.callback;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pushledger.domain.model.CallbackEvent;
import io.pushledger.domain.model.PushInterrupted;
import io.pushledger.domain.port.in.RecordOutcome;
import io.pushledger.adapter.http.problem.Problem;
import io.pushledger.adapter.http.problem.ProblemResponse;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Counts callbacks by outcome, reason and event type ({@code pushledger_callbacks_total}) and
 * interruptions by category ({@code pushledger_interruptions_total}), and logs one line per refused
 * callback with its reason and the caller's address, at most {@value #REFUSALS_LOGGED_PER_MINUTE} a
 * minute: a flood of refusals must not become a flood of log lines. Those not logged are counted
 * ({@code pushledger_callback_refusals_unlogged_total}) and their number is in the next line logged.
 * Refused callbacks are not tagged with their event type: before authentication, anybody could invent
 * types without end.
 */
@Singleton
public class CallbackObserver {

    private static final Logger LOG = Logger.getLogger(CallbackObserver.class);

    static final String CALLBACKS = "pushledger.callbacks";
    static final String INTERRUPTIONS = "pushledger.interruptions";
    public static final int REFUSALS_LOGGED_PER_MINUTE = 20;

    private final MeterRegistry registry;
    private final Clock clock;
    private final Counter unloggedRefusals;
    private long logMinute;
    private int loggedThisMinute;
    private long unloggedSinceLastLine;

    public CallbackObserver(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        this.unloggedRefusals = Counter.builder("pushledger.callback.refusals.unlogged")
                .description("Refused callbacks not logged, beyond " + REFUSALS_LOGGED_PER_MINUTE + " lines a minute")
                .register(registry);
    }

    /** A refused outcome is counted by {@link #refused}, with the problem it is answered with. */
    void recorded(RecordOutcome outcome) {
        switch (outcome) {
            case RecordOutcome.Recorded recorded -> {
                count("accepted", "none", eventType(recorded.event()));
                if (recorded.event() instanceof PushInterrupted interrupted) {
                    registry.counter(INTERRUPTIONS, "category", interrupted.interruption().category().name()).increment();
                }
            }
            case RecordOutcome.Duplicate duplicate -> count("duplicate", "none", eventType(duplicate.event()));
            case RecordOutcome.Refused refused -> {
            }
        }
    }

    /** The problem's detail never holds a key, a token or a signature, so it can be logged. */
    void refused(Problem problem, String caller) {
        count("rejected", problem.reason(), "unknown");
        long unloggedBefore = admitLogLine();
        if (unloggedBefore < 0) {
            unloggedRefusals.increment();
            return;
        }
        ProblemResponse response = problem.response();
        LOG.infof("Callback refused from %s: %d %s: %s%s", caller, response.status(), problem.reason(),
                response.detail(), unloggedBefore == 0 ? "" : " (" + unloggedBefore + " refusals before it not logged)");
    }

    /** How many refusals went unlogged since the last line if this one may be logged; -1 if it may not. */
    private synchronized long admitLogLine() {
        long minute = clock.millis() / 60_000;
        if (minute != logMinute) {
            logMinute = minute;
            loggedThisMinute = 0;
        }
        if (loggedThisMinute == REFUSALS_LOGGED_PER_MINUTE) {
            unloggedSinceLastLine++;
            return -1;
        }
        loggedThisMinute++;
        long unlogged = unloggedSinceLastLine;
        unloggedSinceLastLine = 0;
        return unlogged;
    }

    void notStored(CallbackEvent event) {
        count("not_stored", "storage-unavailable", eventType(event));
    }

    private void count(String outcome, String reason, String eventType) {
        registry.counter(CALLBACKS, "outcome", outcome, "reason", reason, "event_type", eventType).increment();
    }

    private static String eventType(CallbackEvent event) {
        return Integer.toString(event.eventType());
    }
}
