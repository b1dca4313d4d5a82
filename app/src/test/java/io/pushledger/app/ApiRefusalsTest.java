package io.pushledger.app;

import static io.pushledger.app.HistoryApi.authorised;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Every way the history API refuses a request: 400 naming the parameter, 401 with a Bearer challenge. */
@QuarkusTest
class ApiRefusalsTest {

    static final String[] ENDPOINTS = {
            "/api/v1/sessions", "/api/v1/sessions/12345", "/api/v1/stats/interruptions", "/api/v1/error-codes",
            "/api/v1/events"};

    static Stream<Arguments> invalidQueries() {
        String sessionCursor = base64("s1:1703731478:0:123");
        String eventCursor = base64("c1:1703731478:0:42");
        return Stream.of(
                Arguments.of("/api/v1/sessions", "bogus=1", "bogus"),
                Arguments.of("/api/v1/sessions", "streamid=x", "streamid"),
                Arguments.of("/api/v1/sessions", "limit=0", "limit"),
                Arguments.of("/api/v1/sessions", "limit=501", "limit"),
                Arguments.of("/api/v1/sessions", "limit=ten", "limit"),
                Arguments.of("/api/v1/sessions", "limit=1.5", "limit"),
                Arguments.of("/api/v1/sessions", "limit=99999999999", "limit"),
                Arguments.of("/api/v1/sessions", "limit=5&limit=6", "limit"),
                Arguments.of("/api/v1/sessions", "status=DEAD", "status"),
                Arguments.of("/api/v1/sessions", "category=NOPE", "category"),
                Arguments.of("/api/v1/sessions", "abnormal=yes", "abnormal"),
                Arguments.of("/api/v1/sessions", "streamId=x&match=fuzzy", "match"),
                Arguments.of("/api/v1/sessions", "match=prefix", "match"),
                Arguments.of("/api/v1/sessions", "streamId=", "streamId"),
                Arguments.of("/api/v1/sessions", "domain=", "domain"),
                Arguments.of("/api/v1/sessions", "appName=" + "a".repeat(257), "appName"),
                Arguments.of("/api/v1/sessions", "streamId=" + "%F0%9F%8E%A5".repeat(257) + "&match=prefix", "streamId"),
                Arguments.of("/api/v1/sessions", "streamId=ab&match=contains", "streamId"),
                Arguments.of("/api/v1/sessions", "streamId=a-1-b_2&match=contains", "streamId"),
                Arguments.of("/api/v1/stats/interruptions", "streamId=%E7%9B%B4%E6%92%AD&match=contains", "streamId"),
                Arguments.of("/api/v1/events", "streamId=" + "s".repeat(257), "streamId"),
                Arguments.of("/api/v1/sessions", "clientIp=", "clientIp"),
                Arguments.of("/api/v1/sessions", "from=yesterday", "from"),
                Arguments.of("/api/v1/sessions", "to=2023-13-01T00:00:00Z", "to"),
                Arguments.of("/api/v1/sessions", "from=2023-12-28T02:44:38", "from"),
                Arguments.of("/api/v1/sessions", "to=-5", "to"),
                Arguments.of("/api/v1/sessions", "from=999999999999", "from"),
                Arguments.of("/api/v1/sessions", "from=200&to=100", "from"),
                Arguments.of("/api/v1/sessions", "cursor=garbage!", "cursor"),
                Arguments.of("/api/v1/sessions", "cursor=", "cursor"),
                Arguments.of("/api/v1/sessions", "cursor=" + base64("s1:abc:0:123"), "cursor"),
                Arguments.of("/api/v1/sessions", "cursor=" + base64("s1:1:0:" + "9".repeat(300)), "cursor"),
                Arguments.of("/api/v1/sessions", "cursor=" + eventCursor, "cursor"),
                Arguments.of("/api/v1/sessions/12345", "verbose=true", "verbose"),
                Arguments.of("/api/v1/stats/interruptions", "groupBy=colour", "groupBy"),
                Arguments.of("/api/v1/stats/interruptions", "limit=0", "limit"),
                Arguments.of("/api/v1/stats/interruptions", "cursor=" + sessionCursor, "cursor"),
                Arguments.of("/api/v1/stats/interruptions", "status=gone", "status"),
                Arguments.of("/api/v1/stats/interruptions", "from=2024-01-02T00:00:00Z&to=2024-01-01T00:00:00Z", "from"),
                Arguments.of("/api/v1/error-codes", "lang=en", "lang"),
                Arguments.of("/api/v1/events", "eventType=-1", "eventType"),
                Arguments.of("/api/v1/events", "eventType=push", "eventType"),
                Arguments.of("/api/v1/events", "match=prefix", "match"),
                Arguments.of("/api/v1/events", "limit=600", "limit"),
                Arguments.of("/api/v1/events", "to=tomorrow", "to"),
                Arguments.of("/api/v1/events", "cursor=" + sessionCursor, "cursor"));
    }

    @ParameterizedTest(name = "{0}?{1}")
    @MethodSource("invalidQueries")
    void anInvalidQueryIsABadRequestNamingTheParameter(String path, String query, String parameter) {
        authorised().urlEncodingEnabled(false).when().get(path + "?" + query).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("type", equalTo("urn:pushledger:problem:invalid-parameter"))
                .body("title", equalTo("Invalid query parameter"))
                .body("detail", startsWith(parameter + " "));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/api/v1/sessions", "/api/v1/sessions/12345", "/api/v1/stats/interruptions", "/api/v1/error-codes",
            "/api/v1/events", "/api/v1/nothing-here", "/api/"})
    void withoutATokenEveryApiPathIsUnauthorized(String path) {
        unauthorized(given(), path).header("WWW-Authenticate", equalTo("Bearer realm=\"pushledger\""))
                .body("detail", containsString("Authorization: Bearer"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/api/v1/sessions", "/api/v1/sessions/12345", "/api/v1/stats/interruptions", "/api/v1/error-codes",
            "/api/v1/events"})
    void aWrongTokenIsUnauthorized(String path) {
        unauthorized(given().header("Authorization", "Bearer test-api-token-not"), path)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"pushledger\", error=\"invalid_token\""))
                .body("detail", equalTo("The bearer token is not one of the configured API tokens."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic dGVzdDp0ZXN0", "Bearer", "Bearer   ", "test-api-token", "Token test-api-token"})
    void anAuthorizationOfAnotherFormIsUnauthorized(String authorization) {
        unauthorized(given().header("Authorization", authorization), "/api/v1/error-codes");
    }

    @Test
    void aPrefixOfATokenIsUnauthorized() {
        unauthorized(given().header("Authorization", "Bearer test-api"), "/api/v1/error-codes");
    }

    @Test
    void everyConfiguredTokenIsAcceptedAndTheSchemeIsCaseInsensitive() {
        given().header("Authorization", "Bearer " + HistoryApi.ROTATED_TOKEN).get("/api/v1/error-codes").then().statusCode(200);
        given().header("Authorization", "bearer " + HistoryApi.TOKEN).get("/api/v1/error-codes").then().statusCode(200);
    }

    @Test
    void healthOpenApiAndTheCallbackNeedNoToken() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
        // A stray Authorization header is ignored where no token is needed.
        given().header("Authorization", "Bearer wrong").get("/q/health/ready").then().statusCode(200);
        CallbackRecordingTest.post(SignedCallback.aPushStart(SignedCallback.uniqueSequence(), SignedCallback.uniqueStream()).json())
                .statusCode(200);
    }

    @Test
    void anUnknownApiPathIsNotFoundOnceAuthenticated() {
        authorised().get("/api/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");
    }

    private static io.restassured.response.ValidatableResponse unauthorized(RequestSpecification request, String path) {
        return request.when().get(path).then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", equalTo(401))
                .body("type", equalTo("urn:pushledger:problem:unauthenticated"));
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
