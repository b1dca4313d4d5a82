package io.pushledger.domain.model;

/** Checks shared by the identifiers Tencent sends as strings. */
final class Text {

    private Text() {
    }

    static void requirePresent(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(field + " must be at most " + maxLength + " characters");
        }
    }
}
