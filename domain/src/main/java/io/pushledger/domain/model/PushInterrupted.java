package io.pushledger.domain.model;

/**
 * `event_type` 0: the push ended. `push_duration` (milliseconds) says how long it lasted, the error
 * code why; both may be absent.
 */
public record PushInterrupted(
        Sequence sequence, PushDetails details, Long pushDurationMs, Integer errcode, String errmsg)
        implements PushEvent {

    public PushInterrupted {
        if (sequence == null || details == null) {
            throw new IllegalArgumentException("a push interruption needs a sequence and details");
        }
        if (pushDurationMs != null && pushDurationMs < 0) {
            throw new IllegalArgumentException("push_duration must not be negative");
        }
    }

    @Override
    public int eventType() {
        return EventType.PUSH_INTERRUPTED;
    }

    public Interruption interruption() {
        return Interruption.of(errcode, errmsg);
    }
}
