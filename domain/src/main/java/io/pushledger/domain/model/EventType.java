package io.pushledger.domain.model;

/** The `event_type` values of the stream-push callback; every other value is another CSS callback kind. */
public final class EventType {

    public static final int PUSH_INTERRUPTED = 0;
    public static final int PUSH_STARTED = 1;

    private EventType() {
    }

    public static boolean isPush(int eventType) {
        return eventType == PUSH_STARTED || eventType == PUSH_INTERRUPTED;
    }
}
