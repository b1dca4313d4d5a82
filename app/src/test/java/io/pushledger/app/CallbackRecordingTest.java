package io.pushledger.app;

import static io.pushledger.app.SignedCallback.aPushInterruption;
import static io.pushledger.app.SignedCallback.aPushStart;
import static io.pushledger.app.SignedCallback.anEventOfType;
import static io.pushledger.app.SignedCallback.uniqueSequence;
import static io.pushledger.app.SignedCallback.uniqueStream;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Authentic callbacks become events and push sessions in PostgreSQL, once, whatever their order. */
@QuarkusTest
class CallbackRecordingTest {

    private final Ledger ledger = Ledger.ofTestDatabase();

    private final String sequence = uniqueSequence();
    private final String stream = uniqueStream();

    static ValidatableResponse post(String body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/callbacks/css").then();
    }

    static void accepted(SignedCallback callback) {
        post(callback.json()).statusCode(200).contentType(ContentType.JSON).body(equalTo("{\"code\":0}"));
    }

    @Test
    void aPushStartOpensALiveSession() {
        accepted(aPushStart(sequence, stream));

        Map<String, Object> session = ledger.session(sequence);
        assertThat(session).containsEntry("status", "LIVE")
                .containsEntry("stream_id", stream)
                .containsEntry("domain", "test.domain.com")
                .containsEntry("app_name", "live")
                .containsEntry("start_inferred", false)
                .containsEntry("client_ip", "1.1.1.1")
                .containsEntry("node", "42.81.194.37")
                .containsEntry("set_id", 2)
                .containsEntry("region", "MAINLAND")
                .containsEntry("idc_id", 34)
                .containsEntry("app_id", 12345678L);
        assertThat(instant(session.get("started_at"))).isEqualTo(Instant.ofEpochSecond(1703731478L));
        assertThat(session.get("ended_at")).isNull();
    }

    @Test
    void anInterruptionEndsTheSessionAndClassifiesWhy() {
        accepted(aPushStart(sequence, stream));
        accepted(aPushInterruption(sequence, stream).with("errcode", 12).with("set_id", 150));

        Map<String, Object> session = ledger.session(sequence);
        assertThat(session).containsEntry("status", "ENDED")
                .containsEntry("duration_ms", 128581L)
                .containsEntry("errcode", 12)
                .containsEntry("category", "NETWORK_ERROR")
                .containsEntry("abnormal", true)
                .containsEntry("start_inferred", false);
        assertThat(instant(session.get("ended_at"))).isEqualTo(Instant.ofEpochSecond(1703731606L));
        assertThat(instant(session.get("started_at"))).isEqualTo(Instant.ofEpochSecond(1703731478L));
    }

    @Test
    void anInterruptionArrivingFirstInfersTheStartUntilTheStartArrives() {
        accepted(aPushInterruption(sequence, stream));

        Map<String, Object> inferred = ledger.session(sequence);
        assertThat(inferred).containsEntry("status", "ENDED").containsEntry("start_inferred", true);
        assertThat(instant(inferred.get("started_at")))
                .isEqualTo(Instant.ofEpochSecond(1703731606L).minusMillis(128581));

        accepted(aPushStart(sequence, stream));

        Map<String, Object> paired = ledger.session(sequence);
        assertThat(paired).containsEntry("status", "ENDED").containsEntry("start_inferred", false)
                .containsEntry("duration_ms", 128581L);
        assertThat(instant(paired.get("started_at"))).isEqualTo(Instant.ofEpochSecond(1703731478L));
    }

    @Test
    void twelveDeliveriesOfOneCallbackRecordOneEventDeliveredTwelveTimes() {
        for (int delivery = 1; delivery <= 12; delivery++) {
            // Each retry may come with a renewed t and sign.
            accepted(aPushStart(sequence, stream).expiringAt(Instant.now().plusSeconds(600 + delivery).getEpochSecond()));
        }

        List<Map<String, Object>> events = ledger.pushEvents(sequence);
        assertThat(events).hasSize(1);
        assertThat(events.get(0)).containsEntry("deliveries", 12).containsEntry("event_type", 1);
        assertThat(ledger.sessions(sequence)).hasSize(1);
    }

    @Test
    void fiftyConcurrentIdenticalDeliveriesRecordOneEventAndOneSessionAndAllGet200() throws Exception {
        String body = aPushStart(sequence, stream).json();
        List<Integer> statuses = concurrently(50, () -> post(body).extract().statusCode());

        assertThat(statuses).hasSize(50).containsOnly(200);
        assertThat(ledger.pushEvents(sequence)).singleElement()
                .satisfies(event -> assertThat(event).containsEntry("deliveries", 50));
        assertThat(ledger.sessions(sequence)).hasSize(1);
    }

    @Test
    void aStartAndItsInterruptionArrivingTogetherPairIntoOneEndedSession() throws Exception {
        String start = aPushStart(sequence, stream).json();
        String interruption = aPushInterruption(sequence, stream).json();
        List<Integer> statuses = concurrently(20,
                () -> post(Math.random() < 0.5 ? start : interruption).extract().statusCode());
        post(start).statusCode(200);
        post(interruption).statusCode(200);

        assertThat(statuses).containsOnly(200);
        assertThat(ledger.session(sequence)).containsEntry("status", "ENDED")
                .containsEntry("start_inferred", false);
        assertThat(ledger.pushEvents(sequence)).hasSize(2);
    }

    @Test
    void aLaterPushOnTheSamePathLeavesTheOpenOneStale() {
        String later = uniqueSequence();
        accepted(aPushStart(sequence, stream));
        accepted(aPushStart(later, stream).with("event_time", 1703731900L));

        assertThat(ledger.session(sequence)).containsEntry("status", "STALE");
        assertThat(ledger.session(later)).containsEntry("status", "LIVE");

        accepted(aPushInterruption(sequence, stream));
        assertThat(ledger.session(sequence)).containsEntry("status", "ENDED");
    }

    @Test
    void anOlderStartArrivingAfterANewerOneIsStaleAtOnce() {
        String later = uniqueSequence();
        accepted(aPushStart(later, stream).with("event_time", 1703731900L));
        accepted(aPushStart(sequence, stream));

        assertThat(ledger.session(sequence)).containsEntry("status", "STALE");
        assertThat(ledger.session(later)).containsEntry("status", "LIVE");
    }

    @Test
    void aLaterPushOnAnotherDomainLeavesTheSessionLive() {
        accepted(aPushStart(sequence, stream));
        accepted(aPushStart(uniqueSequence(), stream).with("app", "other.domain.com").with("event_time", 1703731900L));

        assertThat(ledger.session(sequence)).containsEntry("status", "LIVE");
    }

    @Test
    void otherEventKindsAreKeptOnceEvenWhenRetriedWithARenewedSignature() {
        SignedCallback recording = anEventOfType(100).with("stream_id", stream).with("file_size", 123456);
        accepted(recording);
        accepted(recording.expiringAt(Instant.now().plusSeconds(630).getEpochSecond()));

        List<Map<String, Object>> events = ledger.eventsOnStream(stream);
        assertThat(events).singleElement().satisfies(event -> assertThat(event)
                .containsEntry("event_type", 100)
                .containsEntry("deliveries", 2));
        assertThat(ledger.sessionsOnStream(stream)).isEmpty();
    }

    @Test
    void theBodyIsKeptAsReceivedWithFieldsPushLedgerDoesNotKnow() {
        String body = aPushStart(sequence, stream).with("future_field", Map.of("nested", List.of(1, "два", 2.5E41)))
                .json().replace(",", ",  ");
        post(body).statusCode(200);

        assertThat((String) ledger.pushEvents(sequence).get(0).get("body_text")).isEqualTo(body);
    }

    @Test
    void numbersSentAsDigitStringsAreAccepted() {
        accepted(aPushStart(sequence, stream).with("event_time", "1703731478").with("appid", "12345678")
                .with("set_id", "7").with("t", String.valueOf(Instant.now().plusSeconds(60).getEpochSecond())));

        assertThat(ledger.session(sequence)).containsEntry("region", "OUTSIDE_MAINLAND")
                .containsEntry("app_id", 12345678L);
    }

    @Test
    void theContentTypeHeaderIsNotReliedOn() {
        given().contentType("text/plain").body(aPushStart(sequence, stream).json())
                .when().post("/callbacks/css").then().statusCode(200);
        given().body(aPushStart(uniqueSequence(), stream).json().getBytes())
                .when().post("/callbacks/css").then().statusCode(200);
    }

    static <T> List<T> concurrently(int times, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(times);
        try {
            List<Future<T>> futures = pool.invokeAll(IntStream.range(0, times).mapToObj(i -> task).toList());
            return futures.stream().map(future -> {
                try {
                    return future.get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        } finally {
            pool.shutdownNow();
        }
    }

    static Instant instant(Object timestamp) {
        return switch (timestamp) {
            case Timestamp t -> t.toInstant();
            case java.time.OffsetDateTime o -> o.toInstant();
            default -> throw new IllegalArgumentException("not a timestamp: " + timestamp);
        };
    }
}
