package io.pushledger.adapter.http.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;

/**
 * What the history API never hands out, though it is stored as received (ADR 5): a callback's {@code sign}
 * — the signature does not cover the body, so a returned one would let its reader forge callbacks until
 * {@code t} expires — and the {@code txSecret} of a push URL's parameters, which with its {@code txTime}
 * lets its reader push to the stream. Both are replaced by {@value #REDACTED}; every other byte of a body
 * is returned as received.
 */
final class Secrets {

    static final String REDACTED = "redacted";
    private static final Pattern TX_SECRET = Pattern.compile("(?i)((?:^|&)txSecret=)[^&]*");
    private static final JsonFactory JSON = new JsonFactory();

    private Secrets() {
    }

    /** Push URL parameters with the value of each {@code txSecret} replaced. */
    static String streamParam(String streamParam) {
        return streamParam == null ? null : TX_SECRET.matcher(streamParam).replaceAll("$1" + REDACTED);
    }

    /** The body as received, except for the values of its top-level {@code sign} and {@code stream_param}. */
    static String body(String body) {
        StringBuilder redacted = new StringBuilder(body.length());
        int copied = 0;
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return body;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                int start = (int) parser.currentTokenLocation().getCharOffset();
                String replacement = switch (field) {
                    case "sign" -> quoted(REDACTED);
                    case "stream_param" -> value == JsonToken.VALUE_STRING && !parser.getText().equals(streamParam(parser.getText()))
                            ? quoted(streamParam(parser.getText())) : null;
                    default -> null;
                };
                // Completes the value (a string is read lazily), so that the location is after its end.
                parser.finishToken();
                parser.skipChildren();
                int end = (int) parser.currentLocation().getCharOffset();
                if (replacement != null) {
                    redacted.append(body, copied, start).append(replacement);
                    copied = end;
                }
            }
        } catch (IOException e) {
            // Stored bodies were parsed as JSON objects before they were stored.
            throw new UncheckedIOException("a stored callback body is not JSON", e);
        }
        return redacted.append(body, copied, body.length()).toString();
    }

    private static String quoted(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }
}
