package io.pushledger.domain.port.in;

/**
 * One page of received callbacks, newest first: of one event type and one stream id when given
 * (null: any), first received within {@code received}, after {@code after} (null: from the newest).
 */
public record FindCallbacksQuery(Integer eventType, String streamId, TimeRange received, int limit, CallbackPosition after) {

    public FindCallbacksQuery {
        if (received == null) {
            throw new IllegalArgumentException("a callback query needs a time range");
        }
        if (streamId != null && streamId.isEmpty()) {
            throw new IllegalArgumentException("a stream id to match must not be empty");
        }
        Limits.require(limit);
    }
}
