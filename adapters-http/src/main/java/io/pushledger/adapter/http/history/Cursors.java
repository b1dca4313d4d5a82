package io.pushledger.adapter.http.history;

import io.pushledger.adapter.http.problem.Problem;
import io.pushledger.adapter.http.text.StorableText;
import io.pushledger.domain.model.Sequence;
import io.pushledger.domain.port.in.CallbackPosition;
import io.pushledger.domain.port.in.SessionPosition;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Page cursors: a keyset position in base64url, opaque to clients. A cursor that does not decode to a
 * position of the right kind is a 400 naming {@code cursor}; any well-formed position is safe to accept.
 */
final class Cursors {

    static final String PARAMETER = "cursor";
    private static final Pattern SESSION = Pattern.compile("s1:([0-9]{1,12}):([0-9]{1,9}):(.+)", Pattern.DOTALL);
    private static final Pattern CALLBACK = Pattern.compile("c1:([0-9]{1,12}):([0-9]{1,9}):([0-9]{1,18})");

    private Cursors() {
    }

    static String of(SessionPosition position) {
        return encode("s1:" + position.startedAt().getEpochSecond() + ":" + position.startedAt().getNano() + ":"
                + position.sequence().value());
    }

    static String of(CallbackPosition position) {
        return encode("c1:" + position.receivedAt().getEpochSecond() + ":" + position.receivedAt().getNano() + ":"
                + position.id());
    }

    static SessionPosition sessionPosition(String cursor) {
        if (cursor == null) {
            return null;
        }
        Matcher m = SESSION.matcher(decode(cursor));
        if (!m.matches()) {
            throw invalid();
        }
        try {
            return new SessionPosition(instant(m.group(1), m.group(2)), new Sequence(m.group(3)));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    static CallbackPosition callbackPosition(String cursor) {
        if (cursor == null) {
            return null;
        }
        Matcher m = CALLBACK.matcher(decode(cursor));
        if (!m.matches()) {
            throw invalid();
        }
        return new CallbackPosition(instant(m.group(1), m.group(2)), Long.parseLong(m.group(3)));
    }

    private static Instant instant(String seconds, String nanos) {
        return Instant.ofEpochSecond(Long.parseLong(seconds), Long.parseLong(nanos));
    }

    private static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    /** The position's text; strictly UTF-8 and storable, since its sequence goes to the database. */
    private static String decode(String cursor) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        return StorableText.utf8(bytes).filter(text -> StorableText.flaw(text).isEmpty()).orElseThrow(Cursors::invalid);
    }

    private static Problem invalid() {
        return QueryParameters.invalid(PARAMETER,
                "cursor is not a cursor of this endpoint; pass nextCursor from a previous page unchanged.");
    }
}
