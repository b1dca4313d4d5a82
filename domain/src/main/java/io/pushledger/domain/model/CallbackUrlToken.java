package io.pushledger.domain.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * An optional secret in the callback URL ({@code /callbacks/css?token=…}). Tencent's signature covers
 * only {@code t}, not the body, so whoever sees one signed callback can replay its signature with
 * another body until it expires; a secret URL raises the bar. {@link #NONE} admits every request.
 */
public record CallbackUrlToken(String value) {

    public static final CallbackUrlToken NONE = new CallbackUrlToken(null);

    public CallbackUrlToken {
        if (value != null && value.isBlank()) {
            throw new IllegalArgumentException("a callback URL token must not be blank");
        }
    }

    /** Whether a request with this {@code token} query parameter (null if absent) may go on; in constant time. */
    public boolean admits(String presented) {
        if (value == null) {
            return true;
        }
        return presented != null && MessageDigest.isEqual(
                value.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return value == null ? "CallbackUrlToken[none]" : "CallbackUrlToken[***]";
    }
}
