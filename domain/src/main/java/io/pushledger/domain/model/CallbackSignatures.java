package io.pushledger.domain.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tencent's callback signature: {@code sign = hex(MD5(key + t))}, where {@code t} (unix seconds,
 * decimal) is when the signature expires. Any configured key may match, so keys can be rotated.
 * Comparison is case-insensitive and in constant time. {@code t} must lie between now minus the clock
 * skew and now plus Tencent's validity period and the skew: a {@code t} further ahead was not signed by
 * Tencent's usual rules, and would keep a captured signature usable for as long as it says.
 */
public final class CallbackSignatures {

    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,18}");

    private final List<SignatureKey> keys;
    private final Duration clockSkew;
    private final Duration validity;
    private final boolean allowUnsigned;
    private final Clock clock;

    /** {@code validity}: how far ahead of the moment it signs Tencent puts {@code t} (10 minutes by default). */
    public CallbackSignatures(List<SignatureKey> keys, Duration clockSkew, Duration validity, boolean allowUnsigned,
            Clock clock) {
        if (clockSkew == null || clockSkew.isNegative()) {
            throw new IllegalArgumentException("the clock skew must be zero or positive");
        }
        if (validity == null || validity.isNegative()) {
            throw new IllegalArgumentException("the validity period must be zero or positive");
        }
        this.keys = List.copyOf(keys);
        this.clockSkew = clockSkew;
        this.validity = validity;
        this.allowUnsigned = allowUnsigned;
        this.clock = clock;
    }

    /** Whether callbacks are checked at all: without a key, only when unsigned ones are not allowed. */
    public boolean enforced() {
        return !(keys.isEmpty() && allowUnsigned);
    }

    /**
     * Checks a callback's {@code t} (as its decimal text) and {@code sign}; either may be null.
     * The signature is checked before the time, so an expired forgery is a mismatch.
     */
    public SignatureVerdict verify(String t, String sign) {
        if (!enforced()) {
            return SignatureVerdict.AUTHENTIC;
        }
        if (t == null || sign == null || !DECIMAL.matcher(t).matches()) {
            return SignatureVerdict.MISSING;
        }
        if (!matchesAnyKey(t, sign)) {
            return SignatureVerdict.MISMATCH;
        }
        // An 18-digit t can lie beyond the last Instant; such a t is certainly too far ahead.
        Instant expiresAt = Instant.ofEpochSecond(Math.min(Long.parseLong(t), Instant.MAX.getEpochSecond()));
        Instant now = clock.instant();
        if (expiresAt.isBefore(now.minus(clockSkew))) {
            return SignatureVerdict.EXPIRED;
        }
        if (expiresAt.isAfter(now.plus(validity).plus(clockSkew))) {
            return SignatureVerdict.TOO_FAR_AHEAD;
        }
        return SignatureVerdict.AUTHENTIC;
    }

    /** How far ahead of now a {@code t} may lie: the validity period plus the clock skew. */
    public Duration furthestExpiry() {
        return validity.plus(clockSkew);
    }

    /** The signature Tencent computes for {@code key} and {@code t}. */
    public static String sign(SignatureKey key, String t) {
        return HexFormat.of().formatHex(md5(key.value() + t));
    }

    private boolean matchesAnyKey(String t, String sign) {
        byte[] presented = sign.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        boolean matched = false;
        for (SignatureKey key : keys) {
            byte[] expected = sign(key, t).getBytes(StandardCharsets.UTF_8);
            // MessageDigest.isEqual takes the same time wherever the first difference lies.
            matched |= MessageDigest.isEqual(expected, presented);
        }
        return matched;
    }

    private static byte[] md5(String text) {
        try {
            return MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides MD5", e);
        }
    }
}
