package io.pushledger.domain.port.in;

import io.pushledger.domain.model.StreamId;

/** Which stream ids a query selects: the id itself, those starting with it, or those containing it. */
public record StreamMatch(String text, Mode mode) {

    public enum Mode {
        EXACT,
        PREFIX,
        CONTAINS
    }

    public StreamMatch {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("a stream id to match must not be empty");
        }
        if (text.length() > StreamId.MAX_LENGTH) {
            throw new IllegalArgumentException("a stream id is at most " + StreamId.MAX_LENGTH + " characters");
        }
        if (mode == null) {
            throw new IllegalArgumentException("a stream match needs a mode");
        }
    }
}
