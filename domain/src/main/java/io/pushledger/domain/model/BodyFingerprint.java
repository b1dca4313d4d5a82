package io.pushledger.domain.model;

import java.util.regex.Pattern;

/**
 * SHA-256 (lowercase hex) of a callback's canonical body — keys sorted, no whitespace, without `t`
 * and `sign`, which a retry may renew — so that a retried callback of another kind is recognised.
 */
public record BodyFingerprint(String sha256Hex) {

    private static final Pattern HEX_256 = Pattern.compile("[0-9a-f]{64}");

    public BodyFingerprint {
        if (sha256Hex == null || !HEX_256.matcher(sha256Hex).matches()) {
            throw new IllegalArgumentException("a body fingerprint is 64 lowercase hex digits");
        }
    }
}
