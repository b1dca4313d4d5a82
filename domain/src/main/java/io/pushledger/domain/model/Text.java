package io.pushledger.domain.model;

/** Checks shared by the identifiers Tencent sends as strings. */
final class Text {

    private Text() {
    }

    static void requirePresent(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        // In characters (code points), as the callback's bounds are counted.
        if (value.codePointCount(0, value.length()) > maxLength) {
            throw new IllegalArgumentException(field + " must be at most " + maxLength + " characters");
        }
    }
}
