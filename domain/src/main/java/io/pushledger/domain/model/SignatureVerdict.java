package io.pushledger.domain.model;

/** What the signature check concluded about a callback. */
public enum SignatureVerdict {
    /** Signed with one of the keys and not expired, or unsigned callbacks are allowed and no key is set. */
    AUTHENTIC,
    /** {@code t} or {@code sign} is absent, or {@code t} is not a decimal number. */
    MISSING,
    /** {@code sign} matches none of the keys. */
    MISMATCH,
    /** Correctly signed, but {@code t} lies further in the past than the allowed clock skew. */
    EXPIRED,
    /** Correctly signed, but {@code t} lies further ahead than Tencent's validity period and the skew explain. */
    TOO_FAR_AHEAD;

    public boolean authentic() {
        return this == AUTHENTIC;
    }
}
