package io.pushledger.domain.model;

import java.time.Duration;

/** How long history is kept, and how many rows one deletion takes at most (small, to keep locks short). */
public record RetentionPolicy(Duration maxAge, int batchSize) {

    public RetentionPolicy {
        if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("the retention period must be positive");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("the retention batch size must be at least 1");
        }
    }
}
