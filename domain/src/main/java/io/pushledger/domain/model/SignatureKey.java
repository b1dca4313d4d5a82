package io.pushledger.domain.model;

/** A callback key configured in the CSS console; Tencent signs with {@code MD5(key + t)}. */
public record SignatureKey(String value) {

    public SignatureKey {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a signature key must not be blank");
        }
    }

    @Override
    public String toString() {
        return "SignatureKey[***]";
    }
}
