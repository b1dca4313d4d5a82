package io.pushledger.app;

import static io.pushledger.app.SignedCallback.aPushInterruption;
import static io.pushledger.app.SignedCallback.aPushStart;
import static io.pushledger.app.SignedCallback.anEventOfType;
import static io.pushledger.app.SignedCallback.uniqueSequence;
import static io.pushledger.app.SignedCallback.uniqueStream;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every refusal of SPEC §1, in its order — size (413), JSON (400), signature and expiry (401), fields
 * (400 naming the field) — each with a problem+json body, and nothing stored.
 */
@QuarkusTest
class CallbackRejectionTest {

    private final Ledger ledger = Ledger.ofTestDatabase();

    private final String sequence = uniqueSequence();
    private final String stream = uniqueStream();

    static ValidatableResponse post(String body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/callbacks/css").then();
    }

    private static ValidatableResponse postBytes(byte[] body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/callbacks/css").then();
    }

    static ValidatableResponse problem(ValidatableResponse response, int status, String typeSuffix) {
        return response.statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("type", equalTo("urn:pushledger:problem:" + typeSuffix))
                .body("title", not(equalTo("")))
                .body("detail", not(equalTo("")));
    }

    private void nothingStored() {
        assertThat(ledger.sessions(sequence)).isEmpty();
        assertThat(ledger.pushEvents(sequence)).isEmpty();
    }

    @Test
    void aBodyOver64KiBIs413() {
        String padding = "x".repeat(64 * 1024);
        problem(post(aPushStart(sequence, stream).with("padding", padding).json()), 413, "payload-too-large");
        nothingStored();
    }

    @Test
    void aBodyOver64KiBSentWithoutContentLengthIs413() {
        byte[] body = aPushStart(sequence, stream).with("padding", "x".repeat(64 * 1024)).json().getBytes();
        // An InputStream body goes out chunked, with no Content-Length to refuse it early.
        problem(given().contentType(ContentType.JSON).body(new ByteArrayInputStream(body))
                .when().post("/callbacks/css").then(), 413, "payload-too-large");
        nothingStored();
    }

    @Test
    void aBodyOfExactly64KiBIsAccepted() {
        String base = aPushStart(sequence, stream).with("padding", "").json();
        String padded = aPushStart(sequence, stream).with("padding", "x".repeat(64 * 1024 - base.length())).json();
        assertThat(padded.getBytes()).hasSize(64 * 1024);
        post(padded).statusCode(200);
    }

    @Test
    void anOversizedBodyIs413EvenWhenItIsNotJson() {
        problem(post("x".repeat(70_000)), 413, "payload-too-large");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "{\"event_type\": 1", "[1, 2]", "\"a string\"", "42", "null",
        "{\"a\": 1} {\"b\": 2}", "{\"a\": 1} trailing", "{\"a\": 1, \"a\": 2}", "{\"a\": NaN}"})
    void malformedJsonOrNotAnObjectIs400(String body) {
        problem(post(body), 400, "malformed-json")
                .body("detail", not(containsString("jackson")))
                .body("detail", not(containsString("Exception")));
    }

    @Test
    void malformedJsonIs400EvenWithoutASignature() {
        problem(post("{\"event_type\": 1,"), 400, "malformed-json");
    }

    @Test
    void nestingDeeperThan32LevelsIs400() {
        String deep = "{\"x\":".repeat(40) + "1" + "}".repeat(40);
        problem(post(deep), 400, "malformed-json");
    }

    @Test
    void aNulCharacterThatPostgreSqlCannotStoreIs400NotA503() {
        problem(post(aPushStart(sequence, stream).with("errmsg", "a\u0000b").json()), 400, "malformed-json")
                .body("detail", containsString("NUL"));
        nothingStored();
    }

    @Test
    void aCallbackStartingWithAByteOrderMarkIs400AndChangesNothing() {
        byte[] json = aPushStart(sequence, stream).json().getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[json.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(json, 0, withBom, 3, json.length);

        problem(postBytes(withBom), 400, "malformed-json").body("detail", containsString("byte-order mark"));
        nothingStored();
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-16", "UTF-16LE", "UTF-16BE", "UTF-32LE"})
    void aCallbackInAnotherUnicodeEncodingIs400AndChangesNothing(String encoding) {
        byte[] encoded = aPushStart(sequence, stream).json().getBytes(Charset.forName(encoding));

        problem(postBytes(encoded), 400, "malformed-json").body("detail", containsString("UTF-8"));
        nothingStored();
    }

    /** "/" as an overlong two-byte sequence, a lone continuation byte, a surrogate encoded as if it were a character. */
    @ParameterizedTest
    @ValueSource(strings = {"C0AF", "80", "EDA080"})
    void aCallbackWithBytesThatAreNotUtf8Is400AndChangesNothing(String hex) {
        byte[] json = aPushStart(sequence, stream).with("errmsg", "a~b").json().getBytes(StandardCharsets.UTF_8);
        String text = new String(json, StandardCharsets.ISO_8859_1);
        byte[] bad = HexFormat.of().parseHex(hex);
        byte[] body = text.replace("a~b", "a" + new String(bad, StandardCharsets.ISO_8859_1) + "b")
                .getBytes(StandardCharsets.ISO_8859_1);

        problem(postBytes(body), 400, "malformed-json").body("detail", containsString("not valid UTF-8"));
        nothingStored();
    }

    @Test
    void aMissingSignatureIs401() {
        problem(post(aPushStart(sequence, stream).unsigned().json()), 401, "signature-missing");
        nothingStored();
    }

    @Test
    void aMissingTIs401() {
        problem(post(aPushStart(sequence, stream).json().replaceFirst("\"t\":\\d+,", "")), 401, "signature-missing");
    }

    @Test
    void aSignatureWithAnotherKeyIs401() {
        problem(post(aPushStart(sequence, stream).signedWith("not-the-key").json()), 401, "signature-mismatch")
                .body("detail", not(containsString("test-callback-key")));
        nothingStored();
    }

    @Test
    void aSignatureForAnotherTIs401() {
        String body = aPushStart(sequence, stream).json();
        long t = Instant.now().plusSeconds(600).getEpochSecond();
        // Same sign, t moved by one second: the signature no longer covers it.
        String tampered = body.replaceFirst("\"t\":\\d+", "\"t\":" + (t + 1));
        problem(post(tampered), 401, "signature-mismatch");
    }

    @Test
    void theRotatedKeyIsAcceptedToo() {
        post(aPushStart(sequence, stream).signedWith(SignedCallback.ROTATED_KEY).json()).statusCode(200);
    }

    @Test
    void anUppercaseSignatureIsAccepted() {
        String body = aPushStart(sequence, stream).json();
        String sign = body.replaceFirst(".*\"sign\":\"([0-9a-f]{32})\".*", "$1");
        post(body.replace(sign, sign.toUpperCase())).statusCode(200);
    }

    @Test
    void anExpiredSignatureIs401() {
        long expired = Instant.now().minusSeconds(61 + 5).getEpochSecond();
        problem(post(aPushStart(sequence, stream).expiringAt(expired).json()), 401, "signature-expired")
                .body("detail", containsString("expired"));
        nothingStored();
    }

    @Test
    void aSignatureFurtherAheadThanTencentSignsIs401() {
        // Tencent's t is at most its validity period (10 minutes) ahead; with the 60 s skew, 660 s.
        for (long ahead : List.of(661L + 5, 86_400L, 253_402_300_799L - Instant.now().getEpochSecond())) {
            long t = Instant.now().plusSeconds(ahead).getEpochSecond();
            problem(post(aPushStart(sequence, stream).expiringAt(t).json()), 401, "signature-too-far-ahead")
                    .body("detail", containsString("ahead"));
        }
        nothingStored();
    }

    @Test
    void aSignatureAsFarAheadAsTencentSignsIsAccepted() {
        post(aPushStart(sequence, stream).expiringAt(Instant.now().plusSeconds(600 + 30).getEpochSecond()).json())
                .statusCode(200);
    }

    @Test
    void aPushDatedMoreThanADayAheadIs400NamingEventTime() {
        long farAhead = Instant.now().plusSeconds(86_400 + 600).getEpochSecond();
        problem(post(aPushStart(sequence, stream).with("event_time", farAhead).json()), 400, "invalid-field")
                .body("detail", startsWith("event_time "));
        problem(post(aPushInterruption(sequence, stream).with("event_time", 253_402_300_799L).json()), 400,
                "invalid-field").body("detail", startsWith("event_time "));
        nothingStored();
        String withinTheDay = uniqueSequence();
        post(aPushStart(withinTheDay, stream).with("event_time", Instant.now().plusSeconds(3600).getEpochSecond()).json())
                .statusCode(200);
    }

    @Test
    void aForgedStartInYear9999DoesNotMakeTheGenuineStartThatFollowsStale() {
        // A captured signature (t, sign) replayed with a forged body dated at the end of 9999.
        problem(post(aPushStart(sequence, stream).with("event_time", 253_402_300_799L).json()), 400, "invalid-field")
                .body("detail", startsWith("event_time "));

        String genuine = uniqueSequence();
        post(aPushStart(genuine, stream).with("event_time", Instant.now().getEpochSecond()).json()).statusCode(200);

        assertThat(ledger.session(genuine).get("status")).isEqualTo("LIVE");
        nothingStored();
    }

    @Test
    void aSignatureExpiredWithinTheClockSkewIsAccepted() {
        long recentlyExpired = Instant.now().minusSeconds(30).getEpochSecond();
        post(aPushStart(sequence, stream).expiringAt(recentlyExpired).json()).statusCode(200);
    }

    @Test
    void theSignatureIsCheckedBeforeTheFields() {
        problem(post(aPushStart(sequence, stream).without("stream_id").unsigned().json()), 401, "signature-missing");
        problem(post(aPushStart(sequence, stream).with("width", 1.5).signedWith("wrong").json()), 401,
                "signature-mismatch");
        long farAhead = Instant.now().plusSeconds(86_400).getEpochSecond();
        problem(post(aPushStart(sequence, stream).with("event_time", 253_402_300_799L).expiringAt(farAhead).json()), 401,
                "signature-too-far-ahead");
    }

    @Test
    void theSizeIsCheckedBeforeTheSignature() {
        problem(post(aPushStart(sequence, stream).with("padding", "x".repeat(70_000)).unsigned().json()), 413,
                "payload-too-large");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sequence", "stream_id", "event_time", "event_type"})
    void aMissingRequiredFieldIs400NamingIt(String field) {
        problem(post(aPushStart(sequence, stream).without(field).json()), 400, "invalid-field")
                .body("detail", startsWith(field + " "));
        nothingStored();
    }

    @Test
    void requiredFieldsAreRequiredForInterruptionsToo() {
        problem(post(aPushInterruption(sequence, stream).without("event_time").json()), 400, "invalid-field")
                .body("detail", startsWith("event_time "));
    }

    @Test
    void aBlankSequenceIs400() {
        problem(post(aPushStart("  ", stream).json()), 400, "invalid-field").body("detail", startsWith("sequence "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"event_time", "appid", "set_id", "width", "height", "idc_id", "errcode", "event_type"})
    void anIntegerFieldWithAWrongTypeIs400NamingIt(String field) {
        for (Object wrong : List.of(1.5, true, Map.of("a", 1), List.of(1), "12a", "-5", "", "1e3")) {
            problem(post(aPushStart(sequence, stream).with(field, wrong).json()), 400, "invalid-field")
                    .body("detail", startsWith(field + " "));
        }
        nothingStored();
    }

    @Test
    void pushDurationTakesDigitsOrAnIntegerButNothingElse() {
        problem(post(aPushInterruption(sequence, stream).with("push_duration", 12.5).json()), 400, "invalid-field")
                .body("detail", startsWith("push_duration "));
        problem(post(aPushInterruption(sequence, stream).with("push_duration", -1).json()), 400, "invalid-field")
                .body("detail", startsWith("push_duration "));
        post(aPushInterruption(sequence, stream).with("push_duration", 128581).json()).statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sequence", "stream_id", "app", "appname", "channel_id", "node", "user_ip",
        "stream_param", "errmsg"})
    void aStringFieldWithAnotherTypeIs400NamingIt(String field) {
        for (Object wrong : List.of(12345, 1.5, false, Map.of("a", "b"), List.of("a"))) {
            problem(post(aPushStart(sequence, stream).with(field, wrong).json()), 400, "invalid-field")
                    .body("detail", startsWith(field + " "));
        }
    }

    @Test
    void stringsLongerThanTheirBoundAre400() {
        problem(post(aPushStart(sequence, stream).with("node", "n".repeat(257)).json()), 400, "invalid-field")
                .body("detail", startsWith("node "));
        problem(post(aPushStart(sequence, stream).with("errmsg", "e".repeat(1025)).json()), 400, "invalid-field")
                .body("detail", startsWith("errmsg "));
        problem(post(aPushStart(sequence, stream).with("stream_param", "p".repeat(4097)).json()), 400,
                "invalid-field").body("detail", startsWith("stream_param "));
        post(aPushStart(sequence, stream).with("stream_param", "p".repeat(4096)).with("errmsg", "e".repeat(1024))
                .with("node", "n".repeat(256)).json()).statusCode(200);
    }

    @Test
    void integersBeyondTheirRangeAre400() {
        problem(post(aPushStart(sequence, stream).with("width", 3_000_000_000L).json()), 400, "invalid-field")
                .body("detail", startsWith("width "));
        problem(post(aPushStart(sequence, stream).json().replace("\"appid\":12345678",
                "\"appid\":123456789012345678901234567890")), 400, "invalid-field")
                .body("detail", startsWith("appid "));
        problem(post(aPushStart(sequence, stream).with("event_time", 999_999_999_999L).json()), 400,
                "invalid-field").body("detail", startsWith("event_time "));
    }

    @Test
    void otherKindsNeedOnlyAnEventTypeAndASignature() {
        post(anEventOfType(200).with("stream_id", stream).with("width", "not our business").json()).statusCode(200);
        problem(post(anEventOfType(200).with("stream_id", stream).unsigned().json()), 401, "signature-missing");
    }

    @Test
    void theFrameworksOwnRefusalsAreProblemsToo() {
        given().when().get("/callbacks/css").then().statusCode(405).contentType("application/problem+json")
                .body("status", equalTo(405));
        given().when().get("/no/such/path").then().statusCode(404).contentType("application/problem+json");
    }
}
