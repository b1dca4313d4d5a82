package io.pushledger.domain.port.in;

import java.time.Instant;

/** A half-open time window {@code [from, to)}; either end may be open (null). */
public record TimeRange(Instant from, Instant to) {

    public static final TimeRange ALWAYS = new TimeRange(null, null);

    public TimeRange {
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("from must not be after to");
        }
    }

    public boolean contains(Instant instant) {
        return (from == null || !instant.isBefore(from)) && (to == null || instant.isBefore(to));
    }
}
