package io.pushledger.app;

import static io.pushledger.app.SignedCallback.aPushInterruption;
import static io.pushledger.app.SignedCallback.aPushStart;
import static io.pushledger.app.SignedCallback.uniqueSequence;
import static io.pushledger.app.SignedCallback.uniqueStream;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The change stream of one service: what it sends for a push's start and end, and what it refuses. */
@QuarkusTest
class ChangeStreamTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    @TestHTTPResource("/")
    URI base;

    @Test
    void aPushsStartAndEndArriveAsStartedAndEndedWithIncreasingIds() throws Exception {
        try (ChangeStreamClient changes = new ChangeStreamClient(base, "test-api-token", null)) {
            assertThat(changes.status()).isEqualTo(200);
            String sequence = uniqueSequence();
            String stream = uniqueStream();
            CallbackRecordingTest.post(aPushStart(sequence, stream).json()).statusCode(200);
            ChangeStreamClient.Event started = changes.nextOf(sequence, BOUND);
            CallbackRecordingTest.post(aPushInterruption(sequence, stream).json()).statusCode(200);
            ChangeStreamClient.Event ended = changes.nextOf(sequence, BOUND);

            assertThat(started.name()).isEqualTo("started");
            assertThat(started.data()).contains("\"streamId\":\"" + stream + "\"", "\"status\":\"LIVE\"");
            assertThat(ended.name()).isEqualTo("ended");
            assertThat(ended.data()).contains("\"status\":\"ENDED\"", "\"category\":\"CLIENT_STOPPED\"");
            assertThat(Long.parseLong(ended.id())).isGreaterThan(Long.parseLong(started.id()));
        }
    }

    @Test
    void aLastEventIdThatIsNoPositionIsA400() {
        given().header("Authorization", "Bearer test-api-token").header("Last-Event-ID", "yesterday")
                .when().get("/api/v1/changes")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", startsWith("Last-Event-ID"));
    }

    @Test
    void anUnknownQueryParameterIsA400() {
        given().header("Authorization", "Bearer test-api-token")
                .when().get("/api/v1/changes?since=1")
                .then().statusCode(400).contentType("application/problem+json");
    }
}
