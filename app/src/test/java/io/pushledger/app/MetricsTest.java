package io.pushledger.app;

import static io.pushledger.app.SignedCallback.aPushInterruption;
import static io.pushledger.app.SignedCallback.aPushStart;
import static io.pushledger.app.SignedCallback.uniqueSequence;
import static io.pushledger.app.SignedCallback.uniqueStream;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** /q/metrics counts callbacks by outcome and event type, interruptions by category, and open sessions. */
@QuarkusTest
class MetricsTest {

    @Inject
    OpenSessionsGauge openSessions;

    private final String sequence = uniqueSequence();
    private final String stream = uniqueStream();

    @Test
    void callbacksAreCountedByOutcomeReasonAndEventType() {
        Map<String, String> accepted = Map.of("outcome", "accepted", "reason", "none", "event_type", "1");
        Map<String, String> duplicate = Map.of("outcome", "duplicate", "reason", "none", "event_type", "1");
        Map<String, String> mismatch = Map.of("outcome", "rejected", "reason", "signature-mismatch");
        Map<String, String> network = Map.of("category", "NETWORK_ERROR");
        double acceptedBefore = value("pushledger_callbacks_total", accepted);
        double duplicateBefore = value("pushledger_callbacks_total", duplicate);
        double mismatchBefore = value("pushledger_callbacks_total", mismatch);
        double networkBefore = value("pushledger_interruptions_total", network);

        CallbackRecordingTest.accepted(aPushStart(sequence, stream));
        CallbackRecordingTest.accepted(aPushStart(sequence, stream));
        CallbackRecordingTest.post(aPushStart(sequence, stream).signedWith("wrong").json()).statusCode(401);
        CallbackRecordingTest.accepted(aPushInterruption(sequence, stream).with("errcode", 13));

        assertThat(value("pushledger_callbacks_total", accepted)).isEqualTo(acceptedBefore + 1);
        assertThat(value("pushledger_callbacks_total", duplicate)).isEqualTo(duplicateBefore + 1);
        assertThat(value("pushledger_callbacks_total", mismatch)).isEqualTo(mismatchBefore + 1);
        assertThat(value("pushledger_interruptions_total", network)).isEqualTo(networkBefore + 1);
    }

    @Test
    void openSessionsAreAGaugeThatFollowsTheDatabase() {
        openSessions.refresh();
        double before = value("pushledger_sessions_open", Map.of());

        CallbackRecordingTest.accepted(aPushStart(sequence, stream));
        openSessions.refresh();

        // Other tests may open sessions meanwhile, never close this one.
        assertThat(value("pushledger_sessions_open", Map.of())).isGreaterThanOrEqualTo(before + 1);
    }

    @Test
    void httpServerMetricsArePublished() {
        assertThat(metrics()).contains("http_server_requests_seconds_count");
    }

    private static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The sample of {@code name} carrying all these labels; 0 if there is none yet. */
    static double value(String name, Map<String, String> labels) {
        return Arrays.stream(metrics().split("\n"))
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> labels.entrySet().stream()
                        .allMatch(label -> line.contains(label.getKey() + "=\"" + label.getValue() + "\"")))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElse(0);
    }
}
