package io.pushledger.app;

import static io.pushledger.app.CallbackRecordingTest.accepted;
import static io.pushledger.app.HistoryApi.aQuietHour;
import static io.pushledger.app.HistoryApi.get;
import static io.pushledger.app.HistoryApi.ok;
import static io.pushledger.app.SignedCallback.aPushInterruption;
import static io.pushledger.app.SignedCallback.aPushStart;
import static io.pushledger.app.SignedCallback.uniqueSequence;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /api/v1/stats/interruptions counts ended sessions as seeded, largest groups first; /api/v1/stats/live the live ones. */
@QuarkusTest
class InterruptionStatsApiTest {

    private static final String STATS = "/api/v1/stats/interruptions";

    private final String domain = "s" + UUID.randomUUID().toString().substring(0, 12) + ".example.com";
    private final String streamA = domain + "-a";
    private final String streamB = domain + "-b";
    private final long t = aQuietHour();

    /**
     * Ended: 3 × NETWORK_ERROR (errcodes 12, 12, 14), 2 × CLIENT_STOPPED (1), 1 × UNKNOWN (no errcode);
     * 4 on stream A, 2 on B; set_id 150 (outside the mainland) for two, 2 (mainland) for the rest.
     * One live session, which is never counted.
     */
    @BeforeEach
    void seed() {
        ended(streamA, 12, t + 10, 150);
        ended(streamA, 12, t + 20, 2);
        ended(streamB, 14, t + 30, 150);
        ended(streamA, 1, t + 40, 2);
        ended(streamB, 1, t + 50, 2);
        ended(streamA, null, t + 60, 2);
        accepted(aPushStart(uniqueSequence(), streamA).with("app", domain).with("event_time", t + 70));
    }

    @Test
    void byCategoryLargestFirst() {
        ok(STATS, Map.of("domain", domain, "groupBy", "category"))
                .body("total", equalTo(6))
                .body("groups.key", contains("NETWORK_ERROR", "CLIENT_STOPPED", "UNKNOWN"))
                .body("groups.count", contains(3, 2, 1));
    }

    @Test
    void byCategoryIsTheDefault() {
        ok(STATS, Map.of("domain", domain)).body("groups.key", contains("NETWORK_ERROR", "CLIENT_STOPPED", "UNKNOWN"));
    }

    @Test
    void byErrcodeWithNumbersAsKeysAndNullForNone() {
        ok(STATS, Map.of("domain", domain, "groupBy", "errcode"))
                .body("total", equalTo(6))
                .body("groups.key", contains(1, 12, 14, null))
                .body("groups.count", contains(2, 2, 1, 1));
    }

    @Test
    void byStreamIdDomainAndRegion() {
        ok(STATS, Map.of("domain", domain, "groupBy", "streamId"))
                .body("groups.key", contains(streamA, streamB)).body("groups.count", contains(4, 2));
        ok(STATS, Map.of("domain", domain, "groupBy", "domain"))
                .body("groups.key", contains(domain)).body("groups.count", contains(6));
        ok(STATS, Map.of("domain", domain, "groupBy", "region"))
                .body("groups.key", contains("MAINLAND", "OUTSIDE_MAINLAND")).body("groups.count", contains(4, 2));
    }

    @Test
    void sessionFiltersNarrowTheCount() {
        ok(STATS, Map.of("domain", domain, "abnormal", "true"))
                .body("total", equalTo(4)).body("groups.key", contains("NETWORK_ERROR", "UNKNOWN"));
        ok(STATS, Map.of("streamId", streamB, "groupBy", "errcode"))
                .body("total", equalTo(2)).body("groups.key", contains(1, 14));
        ok(STATS, Map.of("streamId", domain, "match", "prefix", "category", "CLIENT_STOPPED"))
                .body("total", equalTo(2));
        ok(STATS, Map.of("domain", domain, "status", "LIVE")).body("total", equalTo(0)).body("groups.size()", equalTo(0));
    }

    @Test
    void fromAndToBoundWhenThePushEndedHalfOpen() {
        // Each push ends 100 s after it starts (see ended()).
        ok(STATS, Map.of("domain", domain, "from", t + 120, "to", t + 150))
                .body("total", equalTo(3))
                .body("groups.key", contains("NETWORK_ERROR", "CLIENT_STOPPED"))
                .body("groups.count", contains(2, 1));
    }

    @Test
    void limitKeepsTheLargestGroupsButNotTheTotal() {
        ok(STATS, Map.of("domain", domain, "limit", 1))
                .body("total", equalTo(6)).body("groups.key", contains("NETWORK_ERROR"));
    }

    /** GET /api/v1/stats/live: a push started is counted, its interruption takes it out again; STALE and ENDED never. */
    @Test
    void liveCountsThePushesLiveNow() {
        long before = ok("/api/v1/stats/live", Map.of()).extract().jsonPath().getLong("live");
        // A stream of its own: a new push on a stream with one LIVE makes that one STALE.
        String sequence = uniqueSequence();
        String stream = domain + "-live";
        accepted(aPushStart(sequence, stream).with("app", domain).with("event_time", t + 200));
        ok("/api/v1/stats/live", Map.of()).body("live", equalTo((int) before + 1));
        accepted(aPushInterruption(sequence, stream).with("app", domain).with("event_time", t + 300)
                .with("push_duration", "100000"));
        ok("/api/v1/stats/live", Map.of()).body("live", equalTo((int) before));
        get("/api/v1/stats/live", Map.of("status", "LIVE")).statusCode(400);
    }

    private void ended(String stream, Integer errcode, long startedAt, int setId) {
        String sequence = uniqueSequence();
        accepted(aPushStart(sequence, stream).with("app", domain).with("appname", sequence)
                .with("event_time", startedAt).with("set_id", setId));
        SignedCallback end = aPushInterruption(sequence, stream).with("app", domain).with("appname", sequence)
                .with("event_time", startedAt + 100).with("push_duration", "100000").with("set_id", setId);
        accepted(errcode == null ? end.without("errcode") : end.with("errcode", errcode));
    }
}
