package io.pushledger.domain.port.out;

import io.pushledger.domain.model.CallbackEvent;
import io.pushledger.domain.model.Sequence;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** The write side of the callbacks: every callback received, each once (push events by sequence and event type, others by body fingerprint). */
public interface CallbackLedger {

    /** Stores the event with its body unless it is already stored; a repeat only counts one more delivery. */
    default Delivery record(CallbackEvent event, String body, Instant receivedAt) {
        return recordAll(List.of(new Received(event, body, receivedAt))).getFirst();
    }

    /**
     * {@link #record} for each, in order, sent to the store at once: an event that appears twice in the
     * list is {@code REPEATED} the second time. The deliveries are in the order of the list.
     */
    List<Delivery> recordAll(List<Received> received);

    /** Deletes the push events of these pushes (their sessions are being deleted); returns how many. */
    int deletePushEventsOf(Collection<Sequence> sequences);

    /**
     * Deletes at most {@code limit} events of other kinds than pushes first received before {@code cutoff},
     * oldest first; returns how many. Push events go with their session ({@link #deletePushEventsOf}).
     */
    int deleteOthersReceivedBefore(Instant cutoff, int limit);

    /** A callback's event, its body as received, and when. */
    record Received(CallbackEvent event, String body, Instant receivedAt) {
    }

    /** Whether this delivery was the event's first. */
    enum Delivery {
        FIRST,
        REPEATED
    }
}
