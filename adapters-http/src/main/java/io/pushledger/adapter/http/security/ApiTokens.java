package io.pushledger.adapter.http.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * The bearer tokens the history API accepts; several while one is being rotated. Presented tokens
 * are compared in constant time: both sides are hashed first, so neither the position of the first
 * difference nor the tokens' lengths show in the time taken, and every token is compared.
 */
public final class ApiTokens {

    private final List<byte[]> digests;

    public ApiTokens(List<String> tokens) {
        this.digests = tokens.stream()
                .filter(token -> !token.isBlank())
                .map(ApiTokens::sha256)
                .toList();
    }

    /** A name for the client holding {@code presented} ({@code api-token-N}, N its place in the configuration), if it is one of the tokens. */
    public Optional<String> identify(String presented) {
        byte[] digest = sha256(presented);
        int matched = -1;
        for (int i = 0; i < digests.size(); i++) {
            if (MessageDigest.isEqual(digests.get(i), digest) && matched < 0) {
                matched = i;
            }
        }
        return matched < 0 ? Optional.empty() : Optional.of("api-token-" + (matched + 1));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
