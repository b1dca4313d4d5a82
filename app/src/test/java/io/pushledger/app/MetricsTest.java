package io.pushledger.app;

import static io.pushledger.app.SignedCallback.aPushInterruption;
import static io.pushledger.app.SignedCallback.aPushStart;
import static io.pushledger.app.SignedCallback.uniqueSequence;
import static io.pushledger.app.SignedCallback.uniqueStream;
import static io.pushledger.app.Management.management;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.pushledger.adapter.http.callback.CallbackObserver;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * /q/metrics on the management interface counts callbacks by outcome and event type, interruptions by
 * category, and open sessions; paths nobody routes never become labels, and refusal log lines are bounded.
 */
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

    @Test
    void pathsNoRouteMatchesNeverBecomeUriLabels() {
        String invented = "invented-" + UUID.randomUUID();
        given().get("/api/v1/" + invented).then().statusCode(401);
        given().header("Authorization", "Bearer " + HistoryApi.TOKEN).get("/api/v1/" + invented).then().statusCode(404);
        given().get("/" + invented).then().statusCode(404);

        assertThat(metrics()).doesNotContain(invented);
    }

    @Test
    void aFloodOfRefusalsIsLoggedAtABoundedRateAndTheRestCounted() {
        int refusals = 3 * CallbackObserver.REFUSALS_LOGGED_PER_MINUTE;
        double unloggedBefore = value("pushledger_callback_refusals_unlogged_total", Map.of());
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getMessage() != null && record.getMessage().startsWith("Callback refused")) {
                    lines.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger(CallbackObserver.class.getName());
        log.addHandler(capture);
        try {
            for (int i = 0; i < refusals; i++) {
                CallbackRecordingTest.post("{not json").statusCode(400);
            }
        } finally {
            log.removeHandler(capture);
        }

        // The minute may turn during the flood: at most two minutes' worth of lines.
        assertThat(lines).hasSizeLessThanOrEqualTo(2 * CallbackObserver.REFUSALS_LOGGED_PER_MINUTE);
        assertThat(value("pushledger_callback_refusals_unlogged_total", Map.of()) - unloggedBefore)
                .isEqualTo(refusals - lines.size());
    }

    private static String metrics() {
        return management().when().get("/q/metrics").then().statusCode(200).extract().asString();
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
