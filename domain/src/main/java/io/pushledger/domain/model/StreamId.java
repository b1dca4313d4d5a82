package io.pushledger.domain.model;

/** The live stream name (`stream_id`). */
public record StreamId(String value) {

    public static final int MAX_LENGTH = 256;

    public StreamId {
        Text.requirePresent(value, "stream_id", MAX_LENGTH);
    }

    @Override
    public String toString() {
        return value;
    }
}
