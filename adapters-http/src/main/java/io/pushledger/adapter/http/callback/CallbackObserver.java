package io.pushledger.adapter.http.callback;

import io.micrometer.core.instrument.MeterRegistry;
import io.pushledger.domain.model.CallbackEvent;
import io.pushledger.domain.model.PushInterrupted;
import io.pushledger.domain.port.in.RecordOutcome;
import io.pushledger.adapter.http.problem.Problem;
import io.pushledger.adapter.http.problem.ProblemResponse;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Counts callbacks by outcome, reason and event type ({@code pushledger_callbacks_total}) and
 * interruptions by category ({@code pushledger_interruptions_total}), and logs one line per refused
 * callback with its reason and the caller's address. Refused callbacks are not tagged with their
 * event type: before authentication, anybody could invent types without end.
 */
@Singleton
public class CallbackObserver {

    private static final Logger LOG = Logger.getLogger(CallbackObserver.class);

    static final String CALLBACKS = "pushledger.callbacks";
    static final String INTERRUPTIONS = "pushledger.interruptions";

    private final MeterRegistry registry;

    public CallbackObserver(MeterRegistry registry) {
        this.registry = registry;
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
        ProblemResponse response = problem.response();
        LOG.infof("Callback refused from %s: %d %s: %s", caller, response.status(), problem.reason(),
                response.detail());
        count("rejected", problem.reason(), "unknown");
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
