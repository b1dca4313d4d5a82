package io.pushledger.app;

import static io.pushledger.app.CallbackRecordingTest.accepted;
import static io.pushledger.app.HistoryApi.ISO_UTC;
import static io.pushledger.app.HistoryApi.ok;
import static io.pushledger.app.SignedCallback.aPushStart;
import static io.pushledger.app.SignedCallback.anEventOfType;
import static io.pushledger.app.SignedCallback.uniqueSequence;
import static io.pushledger.app.SignedCallback.uniqueStream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET /api/v1/events: raw callbacks of every kind, bodies intact. */
@QuarkusTest
class EventsApiTest {

    private static final String EVENTS = "/api/v1/events";
    private final String stream = uniqueStream();

    @Test
    void callbacksOfOtherKindsAreListedWithTheirBodiesIntact() {
        String fileName = "запись-直播-🎥 \"quoted\" \\ back.mp4";
        accepted(anEventOfType(100).with("stream_id", stream).with("file_name", fileName)
                .with("file_size", 123456).with("nested", Map.of("list", List.of(1, "два", 3.5))));
        accepted(anEventOfType(200).with("stream_id", stream).with("pic_url", "/shot.jpg"));

        JsonPath recording = ok(EVENTS, Map.of("streamId", stream, "eventType", 100)).extract().jsonPath();
        assertThat(recording.getList("items")).hasSize(1);
        assertThat(recording.getString("items[0].body.file_name")).isEqualTo(fileName);
        assertThat(recording.getInt("items[0].body.file_size")).isEqualTo(123456);
        assertThat(recording.getList("items[0].body.nested.list")).containsExactly(1, "два", 3.5f);
        assertThat(recording.getString("items[0].body.stream_id")).isEqualTo(stream);
        assertThat(recording.getInt("items[0].eventType")).isEqualTo(100);
        assertThat(recording.getString("items[0].sequence")).isNull();
        assertThat(recording.getString("items[0].streamId")).isEqualTo(stream);
        assertThat(recording.getString("items[0].receivedAt")).matches(ISO_UTC);

        ok(EVENTS, Map.of("streamId", stream)).body("items.eventType", contains(200, 100));
        ok(EVENTS, Map.of("streamId", stream, "eventType", 200)).body("items.body.pic_url", contains("/shot.jpg"));
    }

    @Test
    void noUsableSignatureNorPushUrlSecretIsHandedOutThoughBothAreStored() {
        String sequence = uniqueSequence();
        SignedCallback start = aPushStart(sequence, stream).with("stream_param", "txSecret=9f86d081884c7d65&txTime=5C2ACD3B");
        String sent = start.json();
        String sign = new JsonPath(sent).getString("sign");
        accepted(start);

        String answer = ok(EVENTS, Map.of("streamId", stream)).extract().asString();
        assertThat(answer).doesNotContain(sign).doesNotContain("9f86d081884c7d65");
        assertThat(new JsonPath(answer).getString("items[0].body.sign")).isEqualTo("redacted");
        assertThat(new JsonPath(answer).getString("items[0].body.stream_param")).isEqualTo("txSecret=redacted&txTime=5C2ACD3B");
        assertThat(ok("/api/v1/sessions/" + sequence, Map.of()).extract().asString())
                .doesNotContain("9f86d081884c7d65").contains("txSecret=redacted&txTime=5C2ACD3B");
        assertThat(ok("/api/v1/sessions", Map.of("streamId", stream)).extract().asString()).doesNotContain("9f86d081884c7d65");
        // Kept as received: what was stored is what Tencent sent.
        assertThat(Ledger.ofTestDatabase().pushEvents(sequence).getFirst().get("body_text")).isEqualTo(sent);
    }

    @Test
    void theAnswerIsUtf8() {
        accepted(anEventOfType(100).with("stream_id", stream).with("title", "直播 🎥"));

        byte[] raw = ok(EVENTS, Map.of("streamId", stream)).extract().asByteArray();
        assertThat(new String(raw, StandardCharsets.UTF_8)).contains("直播 🎥");
    }

    @Test
    void pushCallbacksAreListedToo() {
        String sequence = uniqueSequence();
        accepted(aPushStart(sequence, stream));

        ok(EVENTS, Map.of("streamId", stream, "eventType", 1))
                .body("items.sequence", contains(sequence))
                .body("items[0].eventTime", equalTo("2023-12-28T02:44:38Z"))
                .body("items[0].deliveries", equalTo(1))
                .body("items[0].body.sequence", equalTo(sequence))
                .body("items[0].lastReceivedAt", matchesPattern(ISO_UTC));
        ok(EVENTS, Map.of("streamId", stream, "eventType", 0)).body("items.size()", equalTo(0));
    }

    @Test
    void fromAndToBoundTheFirstReceipt() {
        accepted(anEventOfType(100).with("stream_id", stream));
        long now = Instant.now().getEpochSecond();

        ok(EVENTS, Map.of("streamId", stream, "from", now - 600, "to", now + 600)).body("items.size()", equalTo(1));
        ok(EVENTS, Map.of("streamId", stream, "from", Instant.ofEpochSecond(now + 600).toString()))
                .body("items.size()", equalTo(0)).body("nextCursor", nullValue());
        ok(EVENTS, Map.of("streamId", stream, "to", now - 600)).body("items.size()", equalTo(0));
    }
}
