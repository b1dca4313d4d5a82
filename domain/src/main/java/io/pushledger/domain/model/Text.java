package io.pushledger.domain.model;

/** How the service measures text, and the checks shared by the identifiers Tencent sends as strings. */
public final class Text {

    private Text() {
    }

    /**
     * The length in characters (code points), as every bound of the service counts it — callback fields,
     * stored identifiers, query parameters — so that whatever was stored can also be asked for.
     */
    public static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    static void requirePresent(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        if (length(value) > maxLength) {
            throw new IllegalArgumentException(field + " must be at most " + maxLength + " characters");
        }
    }
}
