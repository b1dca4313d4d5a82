package io.pushledger.domain.port.in;

/** How many items one page may hold. */
public final class Limits {

    public static final int MIN = 1;
    public static final int MAX = 500;
    public static final int DEFAULT = 50;

    private Limits() {
    }

    static void require(int limit) {
        if (limit < MIN || limit > MAX) {
            throw new IllegalArgumentException("limit must be between " + MIN + " and " + MAX);
        }
    }
}
