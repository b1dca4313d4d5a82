package io.pushledger.domain.service;

import static io.pushledger.domain.fixtures.PushEvents.aPushInterruption;
import static io.pushledger.domain.fixtures.PushEvents.aPushStart;
import static io.pushledger.domain.fixtures.Sessions.sessionOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.pushledger.domain.fakes.InMemoryCallbackLedger;
import io.pushledger.domain.fakes.InMemorySessionLedger;
import io.pushledger.domain.fixtures.OtherEvents;
import io.pushledger.domain.model.OtherEvent;
import io.pushledger.domain.model.PushInterrupted;
import io.pushledger.domain.model.PushStarted;
import io.pushledger.domain.model.RetentionPolicy;
import io.pushledger.domain.model.Sequence;
import io.pushledger.domain.port.in.ExpireHistoryUseCase.ExpiredBatch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ExpireHistoryServiceTest {

    private static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");
    private static final String DOMAIN = "test.domain.com";

    private final InMemoryCallbackLedger events = new InMemoryCallbackLedger();
    private final InMemorySessionLedger sessions = new InMemorySessionLedger();

    private ExpireHistoryService serviceKeeping(Duration maxAge, int batchSize) {
        return new ExpireHistoryService(events, sessions, new RetentionPolicy(maxAge, batchSize),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** A push started at {@code started} and still live; its start received then. */
    private PushStarted aLivePush(String sequence, Instant started) {
        PushStarted start = aPushStart().withSequence(sequence).onStream(DOMAIN, "live", "stream-" + sequence)
                .at(started).build();
        events.record(start, "{}", started);
        sessions.save(sessionOf(start));
        return start;
    }

    /** A push started at {@code started} and ended at {@code ended}, each callback received when it happened. */
    private void anEndedPush(String sequence, Instant started, Instant ended) {
        PushStarted start = aLivePush(sequence, started);
        PushInterrupted interruption = aPushInterruption().withSequence(sequence)
                .onStream(DOMAIN, "live", "stream-" + sequence).at(ended).build();
        events.record(interruption, "{}", ended);
        sessions.save(sessionOf(start, interruption));
    }

    @Test
    void aPushOverLongerAgoThanTheRetentionPeriodIsDeletedWithItsCallbacks() {
        anEndedPush("1", NOW.minus(Duration.ofDays(95)), NOW.minus(Duration.ofDays(91)));
        anEndedPush("2", NOW.minus(Duration.ofDays(95)), NOW.minus(Duration.ofDays(89)));

        ExpiredBatch batch = serviceKeeping(Duration.ofDays(90), 100).expireBatch();

        assertThat(batch).isEqualTo(new ExpiredBatch(1, 2, true));
        assertThat(sessions.all()).extracting(s -> s.sequence().value()).containsExactly("2");
        assertThat(events.ofPush(new Sequence("1"))).isEmpty();
        assertThat(events.ofPush(new Sequence("2"))).as("ended within the period, so kept whole").hasSize(2);
    }

    @Test
    void aLivePushIsKeptWithItsStartHoweverLongAgoItStarted() {
        aLivePush("24-7", NOW.minus(Duration.ofDays(400)));

        assertThat(serviceKeeping(Duration.ofDays(90), 100).expireBatch()).isEqualTo(new ExpiredBatch(0, 0, true));
        assertThat(sessions.all()).hasSize(1);
        assertThat(events.ofPush(new Sequence("24-7"))).hasSize(1);
    }

    @Test
    void callbacksOfOtherKindsExpireByWhenTheyWereReceived() {
        OtherEvent old = OtherEvents.aRecordingCallback().withFingerprintOf("{\"old\":1}").build();
        OtherEvent recent = OtherEvents.aRecordingCallback().withFingerprintOf("{\"recent\":1}").build();
        events.record(old, "{}", NOW.minus(Duration.ofDays(91)));
        events.record(recent, "{}", NOW.minus(Duration.ofDays(89)));

        assertThat(serviceKeeping(Duration.ofDays(90), 100).expireBatch()).isEqualTo(new ExpiredBatch(0, 1, true));
        assertThat(events.find(old)).isEmpty();
        assertThat(events.find(recent)).isPresent();
    }

    @Test
    void aFullBatchIsNotComplete() {
        for (int i = 0; i < 5; i++) {
            anEndedPush("old-" + i, NOW.minus(Duration.ofDays(100 + i)), NOW.minus(Duration.ofDays(100 + i)));
        }
        ExpireHistoryService service = serviceKeeping(Duration.ofDays(90), 2);

        assertThat(service.expireBatch()).isEqualTo(new ExpiredBatch(2, 4, false));
        assertThat(service.expireBatch()).isEqualTo(new ExpiredBatch(2, 4, false));
        assertThat(service.expireBatch()).isEqualTo(new ExpiredBatch(1, 2, true));
        assertThat(sessions.all()).isEmpty();
        assertThat(events.all()).isEmpty();
    }

    @Test
    void theCutoffMovesWithTheClock() {
        anEndedPush("1", NOW.minus(Duration.ofDays(11)), NOW.minus(Duration.ofDays(10)));

        assertThat(serviceKeeping(Duration.ofDays(30), 10).expireBatch().sessions()).isZero();
        assertThat(serviceKeeping(Duration.ofDays(9), 10).expireBatch().sessions()).isEqualTo(1);
    }
}
