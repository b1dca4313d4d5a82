package io.pushledger.adapter.http.text;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The one rule for text that reaches PostgreSQL from outside — callback bodies, query parameters, path
 * segments, decoded cursors: PostgreSQL's text cannot hold a NUL character, and UTF-8 cannot encode a
 * lone UTF-16 surrogate. Either would fail in the database, as a 500, instead of being refused as a 400.
 */
public final class StorableText {

    private StorableText() {
    }

    /** What makes {@code text} unstorable, as the end of a sentence ("contains …"), or empty when nothing does. */
    public static Optional<String> flaw(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return Optional.of("contains a NUL character (\\u0000)");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("contains an unpaired UTF-16 surrogate");
            }
        }
        return Optional.empty();
    }

    /**
     * The bytes as UTF-8, strictly: overlong forms, encoded surrogates and stray bytes are refused
     * (empty) where a lenient decoder would have made them U+FFFD and hidden the mistake.
     */
    public static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
