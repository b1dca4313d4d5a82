package io.pushledger.domain.model;

/** Identifies one push: its start and its interruption carry the same sequence. */
public record Sequence(String value) {

    public static final int MAX_LENGTH = 256;

    public Sequence {
        Text.requirePresent(value, "sequence", MAX_LENGTH);
    }

    @Override
    public String toString() {
        return value;
    }
}
