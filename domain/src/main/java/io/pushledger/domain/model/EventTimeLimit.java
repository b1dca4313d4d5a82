package io.pushledger.domain.model;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How far ahead of now a push callback's {@code event_time} may lie. Tencent reports a push after it
 * happened; a start dated far ahead (a forgery with a captured signature) would otherwise stay the
 * latest push of its stream, making every genuine start after it STALE, and stay LIVE for ever.
 */
public record EventTimeLimit(Duration maxAhead, Clock clock) {

    public EventTimeLimit {
        if (maxAhead == null || maxAhead.isNegative()) {
            throw new IllegalArgumentException("the event time limit must be zero or positive");
        }
        if (clock == null) {
            throw new IllegalArgumentException("the event time limit needs a clock");
        }
    }

    /** Whether an event at {@code eventTime} can have been reported by now. */
    public boolean admits(Instant eventTime) {
        return !eventTime.isAfter(clock.instant().plus(maxAhead));
    }
}
