package io.pushledger.domain.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A callback as it was stored: its body exactly as received (JSON text) and when and how often it
 * arrived. {@code sequence} is set for push callbacks only; stream id and event time when the body had them.
 */
public record ReceivedCallback(
        long id,
        int eventType,
        String sequence,
        String streamId,
        Instant eventTime,
        Instant receivedAt,
        Instant lastReceivedAt,
        int deliveries,
        String body) {

    public ReceivedCallback {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(lastReceivedAt, "lastReceivedAt");
        Objects.requireNonNull(body, "body");
        if (deliveries < 1) {
            throw new IllegalArgumentException("a stored callback was delivered at least once");
        }
    }
}
