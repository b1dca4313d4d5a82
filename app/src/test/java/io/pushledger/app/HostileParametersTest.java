package io.pushledger.app;

import static io.pushledger.app.CallbackRecordingTest.accepted;
import static io.pushledger.app.HistoryApi.authorised;
import static io.pushledger.app.SignedCallback.aPushStart;
import static io.pushledger.app.SignedCallback.uniqueSequence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Text the database cannot take — a NUL character, an encoded lone surrogate, bytes that are not UTF-8 —
 * in any query parameter, path segment or decoded cursor of the history API is a 400 naming the
 * parameter, never a 500; and lengths are counted in characters, as stored stream ids are.
 */
@QuarkusTest
class HostileParametersTest {

    /** The percent-encodings of text PostgreSQL cannot store or that is not UTF-8 at all. */
    private static final List<String> HOSTILE = List.of(
            "a%00b", // NUL
            "abc%ED%A0%80", // a lone high surrogate, as CESU-8 / WTF-8 encodes it
            "%ED%B0%80xyz", // a lone low surrogate
            "ab%C0%80c", // an overlong NUL
            "abc%FF", // a stray byte
            "abc%E2%82"); // a truncated sequence

    static Stream<Arguments> hostileParameters() {
        return HOSTILE.stream().flatMap(value -> Stream.of(
                Arguments.of("/api/v1/sessions", "streamId=" + value, "streamId"),
                Arguments.of("/api/v1/sessions", "streamId=" + value + "&match=exact", "streamId"),
                Arguments.of("/api/v1/sessions", "streamId=" + value + "&match=prefix", "streamId"),
                Arguments.of("/api/v1/sessions", "streamId=" + value + "&match=contains", "streamId"),
                Arguments.of("/api/v1/sessions", "domain=" + value, "domain"),
                Arguments.of("/api/v1/sessions", "appName=" + value, "appName"),
                Arguments.of("/api/v1/sessions", "clientIp=" + value, "clientIp"),
                Arguments.of("/api/v1/sessions", "limit=" + value, "limit"),
                Arguments.of("/api/v1/events", "streamId=" + value, "streamId"),
                Arguments.of("/api/v1/stats/interruptions", "streamId=" + value + "&match=contains", "streamId"),
                Arguments.of("/api/v1/stats/interruptions", "domain=" + value, "domain"),
                Arguments.of("/api/v1/stats/interruptions", "appName=" + value, "appName"),
                Arguments.of("/api/v1/stats/interruptions", "clientIp=" + value, "clientIp"),
                Arguments.of("/api/v1/stats/interruptions", "groupBy=" + value, "groupBy"),
                Arguments.of("/api/v1/sessions", value + "=1", "A query parameter's name")));
    }

    @ParameterizedTest(name = "{0}?{1}")
    @MethodSource("hostileParameters")
    void unstorableTextInAQueryParameterIsA400NamingIt(String path, String query, String parameter) {
        refused(get(path + "?" + query), parameter);
    }

    @Test
    void unstorableTextInThePathIsA400NamingTheSequence() {
        for (String value : HOSTILE) {
            refused(get("/api/v1/sessions/" + value), "sequence");
        }
    }

    @Test
    void aCursorThatDecodesToUnstorableTextIsA400NamingTheCursor() {
        List<byte[]> positions = List.of(
                "s1:1703731478:0:12\u000034".getBytes(StandardCharsets.UTF_8),
                concat("s1:1703731478:0:12".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}),
                concat("s1:1703731478:0:12".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC0, (byte) 0x80}));
        for (byte[] position : positions) {
            String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(position);
            refused(get("/api/v1/sessions?cursor=" + cursor), "cursor");
            refused(get("/api/v1/sessions?streamId=room-1&match=prefix&cursor=" + cursor), "cursor");
        }
    }

    @Test
    void aStoredStreamIdOf256AstralCharactersCanBeAskedFor() {
        String stream = "\uD83C\uDFA5".repeat(255) + uniqueSequence().charAt(0);
        String sequence = uniqueSequence();
        accepted(aPushStart(sequence, stream));

        for (String match : List.of("exact", "prefix")) {
            List<String> found = authorised().queryParams(Map.of("streamId", stream, "match", match))
                    .get("/api/v1/sessions").then().statusCode(200).extract().jsonPath().getList("items.sequence");
            assertThat(found).as(match).contains(sequence);
        }
        authorised().queryParam("streamId", stream).get("/api/v1/events").then().statusCode(200)
                .body("items[0].sequence", equalTo(sequence));
    }

    @Test
    void aQueryParameterLongerThan256CharactersIsA400WhateverTheirPlane() {
        refused(authorised().queryParam("streamId", "\uD83C\uDFA5".repeat(257)).get("/api/v1/sessions").then(), "streamId");
        refused(authorised().queryParam("domain", "d".repeat(257)).get("/api/v1/sessions").then(), "domain");
    }

    @Test
    void aRefusedValueIsQuotedWithoutSplittingACharacter() {
        String value = "a" + "\uD83C\uDFA5".repeat(70);
        String detail = authorised().queryParam("limit", value).get("/api/v1/sessions").then()
                .statusCode(400).contentType("application/problem+json").extract().path("detail");
        assertThat(detail).startsWith("limit ").contains("a" + "\uD83C\uDFA5".repeat(63) + "…");
    }

    private static ValidatableResponse get(String pathAndQuery) {
        return authorised().urlEncodingEnabled(false).when().get(pathAndQuery).then();
    }

    private static void refused(ValidatableResponse response, String parameter) {
        response.statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("type", equalTo("urn:pushledger:problem:invalid-parameter"))
                .body("detail", startsWith(parameter + " "));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
