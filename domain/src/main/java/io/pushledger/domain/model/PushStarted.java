package io.pushledger.domain.model;

/** `event_type` 1: the push succeeded and the stream is live. */
public record PushStarted(Sequence sequence, PushDetails details) implements PushEvent {

    public PushStarted {
        if (sequence == null || details == null) {
            throw new IllegalArgumentException("a push start needs a sequence and details");
        }
    }

    @Override
    public int eventType() {
        return EventType.PUSH_STARTED;
    }
}
