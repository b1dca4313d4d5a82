package io.pushledger.domain.port.in;

import io.pushledger.domain.model.StreamId;
import io.pushledger.domain.model.Text;

/** Which stream ids a query selects: the id itself, those starting with it, or those containing it. */
public record StreamMatch(String text, Mode mode) {

    /**
     * What {@link Mode#CONTAINS} needs: this many letters or digits in a row. Substrings are looked up by
     * their trigrams (pg_trgm), which are taken from runs of letters and digits; with a shorter run
     * there is no trigram to look up and every stream id would be read.
     */
    public static final int MIN_CONTAINS_RUN = 3;

    public enum Mode {
        EXACT,
        PREFIX,
        CONTAINS
    }

    public StreamMatch {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("a stream id to match must not be empty");
        }
        if (Text.length(text) > StreamId.MAX_LENGTH) {
            throw new IllegalArgumentException("a stream id is at most " + StreamId.MAX_LENGTH + " characters");
        }
        if (mode == null) {
            throw new IllegalArgumentException("a stream match needs a mode");
        }
        if (mode == Mode.CONTAINS && !searchableSubstring(text)) {
            throw new IllegalArgumentException("a substring needs " + MIN_CONTAINS_RUN + " letters or digits in a row");
        }
    }

    /** Whether {@code text} has the run of letters or digits that {@link Mode#CONTAINS} needs. */
    public static boolean searchableSubstring(String text) {
        int run = 0;
        for (int codePoint : text.codePoints().toArray()) {
            run = Character.isLetterOrDigit(codePoint) ? run + 1 : 0;
            if (run == MIN_CONTAINS_RUN) {
                return true;
            }
        }
        return false;
    }
}
