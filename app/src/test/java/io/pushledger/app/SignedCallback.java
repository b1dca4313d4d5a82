package io.pushledger.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * A callback body as Tencent would send it, signed with {@code MD5(key + t)} computed here, apart
 * from the code under test. Defaults follow the vendor's sample; every test gets its own sequence
 * and stream so tests do not see each other's rows.
 */
final class SignedCallback {

    static final String KEY = "test-callback-key";
    static final String ROTATED_KEY = "rotated-callback-key";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode body = JSON.createObjectNode();
    private String key = KEY;
    private boolean signed = true;

    private SignedCallback(int eventType, String sequence, String streamId) {
        body.put("app", "test.domain.com");
        body.put("appid", 12345678);
        body.put("appname", "live");
        body.put("channel_id", streamId);
        body.put("errcode", 0);
        body.put("errmsg", "ok");
        body.put("event_time", 1703731478L);
        body.put("event_type", eventType);
        body.put("height", 0);
        body.put("idc_id", 34);
        body.put("node", "42.81.194.37");
        body.put("sequence", sequence);
        body.put("set_id", 2);
        body.put("stream_id", streamId);
        body.put("stream_param", "stream_param=test");
        body.put("user_ip", "1.1.1.1");
        body.put("width", 0);
        body.put("t", Instant.now().plusSeconds(600).getEpochSecond());
    }

    static String uniqueSequence() {
        return Long.toUnsignedString(UUID.randomUUID().getMostSignificantBits());
    }

    static String uniqueStream() {
        return "stream-" + UUID.randomUUID();
    }

    static SignedCallback aPushStart(String sequence, String streamId) {
        return new SignedCallback(1, sequence, streamId);
    }

    static SignedCallback aPushInterruption(String sequence, String streamId) {
        SignedCallback callback = new SignedCallback(0, sequence, streamId);
        callback.body.put("errcode", 1);
        callback.body.put("errmsg", "The push client actively stopped the push");
        callback.body.put("event_time", 1703731606L);
        callback.body.put("push_duration", "128581");
        return callback;
    }

    static SignedCallback anEventOfType(int eventType) {
        SignedCallback callback = new SignedCallback(eventType, null, uniqueStream());
        callback.body.remove("sequence");
        callback.body.put("file_id", UUID.randomUUID().toString());
        return callback;
    }

    SignedCallback with(String field, Object value) {
        body.set(field, JSON.valueToTree(value));
        return this;
    }

    SignedCallback without(String field) {
        body.remove(field);
        return this;
    }

    SignedCallback expiringAt(long t) {
        body.put("t", t);
        return this;
    }

    SignedCallback signedWith(String key) {
        this.key = key;
        return this;
    }

    SignedCallback unsigned() {
        this.signed = false;
        return this;
    }

    String json() {
        ObjectNode copy = body.deepCopy();
        if (signed) {
            copy.put("sign", md5Hex(key + copy.path("t").asText()));
        } else {
            copy.remove("sign");
        }
        return copy.toString();
    }

    static String md5Hex(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
