package io.pushledger.app;

import static io.pushledger.app.CallbackRecordingTest.accepted;
import static io.pushledger.app.HistoryApi.ISO_UTC;
import static io.pushledger.app.HistoryApi.aQuietHour;
import static io.pushledger.app.HistoryApi.get;
import static io.pushledger.app.HistoryApi.ok;
import static io.pushledger.app.SignedCallback.aPushInterruption;
import static io.pushledger.app.SignedCallback.aPushStart;
import static io.pushledger.app.SignedCallback.uniqueSequence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GET /api/v1/sessions: each filter alone and combined, newest first. Every test seeds its own
 * domain, streams, client addresses and a quiet hour, so it sees only its own sessions.
 */
@QuarkusTest
class SessionsApiTest {

    private static final String SESSIONS = "/api/v1/sessions";

    private final String tag = "h" + UUID.randomUUID().toString().substring(0, 12);
    private final String domain = tag + ".example.com";
    private final String alpha1 = tag + "-alpha-1";
    private final String alpha2 = tag + "-alpha-2";
    private final String beta = tag + "-beta";
    private final String ip1 = randomIp();
    private final String ip2 = randomIp();
    private final long t = aQuietHour();

    // s1 alpha-1 LIVE; s2 alpha-1 ended by the client; s3 alpha-2 ended by the network, outside the mainland;
    // s4 beta/other STALE (s5 followed it); s5 beta/other LIVE; s6 beta/live known by its interruption only,
    // inferred to start at the same second as s5.
    private final String s1 = uniqueSequence();
    private final String s2 = uniqueSequence();
    private final String s3 = uniqueSequence();
    private final String s4 = uniqueSequence();
    private final String s5 = uniqueSequence();
    private final String s6 = uniqueSequence();

    @BeforeEach
    void seed() {
        accepted(start(s2, alpha1, t, ip1));
        accepted(end(s2, alpha1, t + 5, 1, 5_000));
        accepted(start(s1, alpha1, t + 10, ip1));
        accepted(start(s3, alpha2, t + 20, ip2).with("set_id", 150));
        accepted(end(s3, alpha2, t + 30, 12, 10_000).with("set_id", 150));
        accepted(start(s4, beta, t + 40, ip1).with("appname", "other"));
        accepted(start(s5, beta, t + 50, ip1).with("appname", "other"));
        accepted(end(s6, beta, t + 60, 8, 10_000));
    }

    @Test
    void aStreamIdMatchesExactlyByDefault() {
        assertThat(sequences(Map.of("streamId", alpha1))).containsExactly(s1, s2);
        assertThat(sequences(Map.of("streamId", alpha1, "match", "exact"))).containsExactly(s1, s2);
        assertThat(sequences(Map.of("streamId", tag + "-alpha"))).isEmpty();
    }

    @Test
    void aStreamIdMatchesAsAPrefix() {
        assertThat(sequences(Map.of("streamId", tag + "-alpha", "match", "prefix"))).containsExactly(s3, s1, s2);
    }

    @Test
    void aStreamIdMatchesAnywhereInside() {
        assertThat(sequences(Map.of("streamId", tag.substring(3) + "-alpha-", "match", "contains")))
                .containsExactly(s3, s1, s2);
        assertThat(sequences(Map.of("streamId", tag.substring(3) + "-b", "match", "CONTAINS")))
                .containsExactly(tiedAtFifty().get(0), tiedAtFifty().get(1), s4);
    }

    @Test
    void likeWildcardsInAStreamIdAreTakenLiterally() {
        assertThat(sequences(Map.of("streamId", tag + "-%", "match", "prefix"))).isEmpty();
        assertThat(sequences(Map.of("streamId", tag.substring(3) + "_alpha", "match", "contains"))).isEmpty();
    }

    @Test
    void aDomainSelectsItsSessionsNewestFirstWithTiesBrokenBySequence() {
        assertThat(sequences(Map.of("domain", domain)))
                .containsExactly(tiedAtFifty().get(0), tiedAtFifty().get(1), s4, s3, s1, s2);
    }

    @Test
    void anAppNameSelectsItsSessions() {
        assertThat(sequences(Map.of("domain", domain, "appName", "other"))).containsExactly(s5, s4);
    }

    @Test
    void aStatusSelectsSessionsInIt() {
        ok(SESSIONS, Map.of("status", "LIVE", "limit", 500)).body("items.status", everyItem(equalTo("LIVE")));
        assertThat(sequences(Map.of("domain", domain, "status", "LIVE"))).containsExactly(s5, s1);
        assertThat(sequences(Map.of("domain", domain, "status", "STALE"))).containsExactly(s4);
        assertThat(sequences(Map.of("domain", domain, "status", "ended"))).containsExactly(s6, s3, s2);
    }

    @Test
    void aCategorySelectsEndedSessionsInterruptedThatWay() {
        ok(SESSIONS, Map.of("category", "NETWORK_ERROR", "limit", 500))
                .body("items.interruption.category", everyItem(equalTo("NETWORK_ERROR")));
        assertThat(sequences(Map.of("domain", domain, "category", "NETWORK_ERROR"))).containsExactly(s3);
        assertThat(sequences(Map.of("domain", domain, "category", "NO_DATA_TIMEOUT"))).containsExactly(s6);
    }

    @Test
    void abnormalSelectsEndedSessionsByWhetherTheirInterruptionWasAFault() {
        ok(SESSIONS, Map.of("abnormal", "true", "limit", 500)).body("items.interruption.abnormal", everyItem(equalTo(true)));
        assertThat(sequences(Map.of("domain", domain, "abnormal", "true"))).containsExactly(s6, s3);
        assertThat(sequences(Map.of("domain", domain, "abnormal", "false"))).containsExactly(s2);
    }

    @Test
    void aClientIpSelectsTheSessionsItPushed() {
        assertThat(sequences(Map.of("clientIp", ip2))).containsExactly(s3);
        assertThat(sequences(Map.of("clientIp", ip1))).containsExactly(s5, s4, s1, s2);
    }

    @Test
    void fromAndToBoundStartedAtHalfOpenInIsoOrEpochSeconds() {
        assertThat(sequences(Map.of("from", t + 10, "to", t + 50))).containsExactly(s4, s3, s1);
        assertThat(sequences(Map.of("from", Instant.ofEpochSecond(t + 10).toString(),
                "to", Instant.ofEpochSecond(t + 50).toString()))).containsExactly(s4, s3, s1);
        assertThat(sequences(Map.of("from", Instant.ofEpochSecond(t + 10).atOffset(java.time.ZoneOffset.ofHours(8)).toString(),
                "to", t + 11))).containsExactly(s1);
        assertThat(sequences(Map.of("from", t + 10, "to", t + 10))).isEmpty();
    }

    @Test
    void filtersCombine() {
        assertThat(sequences(Map.of("domain", domain, "status", "ENDED", "abnormal", "true", "from", t + 25)))
                .containsExactly(s6);
        assertThat(sequences(Map.of("streamId", tag, "match", "prefix", "appName", "live", "clientIp", ip1,
                "status", "LIVE"))).containsExactly(s1);
        assertThat(sequences(Map.of("streamId", beta, "category", "NO_DATA_TIMEOUT", "to", t + 51))).containsExactly(s6);
    }

    @Test
    void aSessionIsShownWithItsInterruptionAndUtcTimes() {
        ok(SESSIONS, Map.of("streamId", alpha2))
                .body("nextCursor", nullValue())
                .body("items[0].sequence", equalTo(s3))
                .body("items[0].status", equalTo("ENDED"))
                .body("items[0].domain", equalTo(domain))
                .body("items[0].appName", equalTo("live"))
                .body("items[0].streamId", equalTo(alpha2))
                .body("items[0].startedAt", equalTo(Instant.ofEpochSecond(t + 20).toString()))
                .body("items[0].endedAt", equalTo(Instant.ofEpochSecond(t + 30).toString()))
                .body("items[0].startInferred", equalTo(false))
                .body("items[0].durationMs", equalTo(10_000))
                .body("items[0].interruption.errcode", equalTo(12))
                .body("items[0].interruption.category", equalTo("NETWORK_ERROR"))
                .body("items[0].interruption.abnormal", equalTo(true))
                .body("items[0].clientIp", equalTo(ip2))
                .body("items[0].region", equalTo("OUTSIDE_MAINLAND"))
                .body("items[0].setId", equalTo(150))
                .body("items[0].appId", equalTo(12345678))
                .body("items[0].startedAt", matchesPattern(ISO_UTC));
        ok(SESSIONS, Map.of("streamId", alpha1, "status", "LIVE"))
                .body("items[0].interruption", nullValue())
                .body("items[0].endedAt", nullValue());
    }

    @Test
    void theDefaultPageHoldsFiftyAndALimitShortensIt() {
        List<Object> page = ok(SESSIONS, Map.of()).extract().jsonPath().getList("items");
        String next = ok(SESSIONS, Map.of()).extract().jsonPath().getString("nextCursor");
        assertThat(page).hasSizeLessThanOrEqualTo(50);
        if (next != null) {
            assertThat(page).hasSize(50);
        }
        ok(SESSIONS, Map.of("domain", domain, "limit", 2)).body("items.sequence", contains(
                sequences(Map.of("domain", domain)).subList(0, 2).toArray()));
    }

    @Test
    void aSessionsTimelineListsEveryCallbackWithItsDeliveries() {
        String sequence = uniqueSequence();
        accepted(start(sequence, beta, t + 100, ip1));
        accepted(start(sequence, beta, t + 100, ip1).expiringAt(Instant.now().plusSeconds(640).getEpochSecond()));
        accepted(end(sequence, beta, t + 160, 13, 60_000));

        ok(SESSIONS + "/" + sequence, Map.of())
                .body("sequence", equalTo(sequence))
                .body("status", equalTo("ENDED"))
                .body("interruption.category", equalTo("NETWORK_ERROR"))
                .body("events.size()", equalTo(2))
                .body("events[0].eventType", equalTo(1))
                .body("events[0].eventTime", equalTo(Instant.ofEpochSecond(t + 100).toString()))
                .body("events[0].deliveries", equalTo(2))
                .body("events[0].receivedAt", matchesPattern(ISO_UTC))
                .body("events[1].eventType", equalTo(0))
                .body("events[1].eventTime", equalTo(Instant.ofEpochSecond(t + 160).toString()))
                .body("events[1].deliveries", equalTo(1));
    }

    @Test
    void anUnknownSequenceIsNotFound() {
        get(SESSIONS + "/" + uniqueSequence(), Map.of()).statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
        get(SESSIONS + "/" + "9".repeat(300), Map.of()).statusCode(404);
    }

    /** s5 and s6 both start at t + 50: sequence, descending, decides. */
    private List<String> tiedAtFifty() {
        List<String> tied = new ArrayList<>(List.of(s5, s6));
        tied.sort(Comparator.reverseOrder());
        return tied;
    }

    static List<String> sequences(Map<String, ?> query) {
        return ok(SESSIONS, query).extract().jsonPath().getList("items.sequence", String.class);
    }

    private SignedCallback start(String sequence, String stream, long at, String ip) {
        return aPushStart(sequence, stream).with("app", domain).with("event_time", at).with("user_ip", ip);
    }

    private SignedCallback end(String sequence, String stream, long at, int errcode, long durationMs) {
        return aPushInterruption(sequence, stream).with("app", domain).with("event_time", at)
                .with("errcode", errcode).with("push_duration", String.valueOf(durationMs));
    }

    private static String randomIp() {
        return "10." + (int) (Math.random() * 256) + "." + (int) (Math.random() * 256) + "." + (int) (Math.random() * 256);
    }
}
