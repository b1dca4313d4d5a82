package io.pushledger.domain.model;

import java.time.Instant;

/**
 * An authentic callback of another kind (recording, screenshot, moderation, relay, any future one).
 * Kept, not modelled; identified by the fingerprint of its body. Stream id and event time are kept
 * when the body has them, for lookups.
 */
public record OtherEvent(int eventType, BodyFingerprint fingerprint, String streamId, Instant eventTime)
        implements CallbackEvent {

    public OtherEvent {
        if (EventType.isPush(eventType)) {
            throw new IllegalArgumentException("event type " + eventType + " is a push event");
        }
        if (fingerprint == null) {
            throw new IllegalArgumentException("another kind of event needs a body fingerprint");
        }
    }
}
