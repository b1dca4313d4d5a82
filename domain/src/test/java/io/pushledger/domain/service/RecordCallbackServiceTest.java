package io.pushledger.domain.service;

import static io.pushledger.domain.fixtures.Callbacks.aCallbackOf;
import static io.pushledger.domain.fixtures.Callbacks.bodyOf;
import static io.pushledger.domain.fixtures.PushEvents.aPushInterruption;
import static io.pushledger.domain.fixtures.PushEvents.aPushStart;
import static io.pushledger.domain.fixtures.PushEvents.samplePath;
import static io.pushledger.domain.fixtures.Sessions.anEndedSession;
import static org.assertj.core.api.Assertions.assertThat;

import io.pushledger.domain.fakes.InMemoryCallbackLedger.StoredEvent;
import io.pushledger.domain.fakes.InMemoryCallbackLedger;
import io.pushledger.domain.fakes.InMemorySessionLedger;
import io.pushledger.domain.fakes.InMemoryTransactions;
import io.pushledger.domain.fixtures.Callbacks;
import io.pushledger.domain.fixtures.OtherEvents;
import io.pushledger.domain.model.CallbackEvent;
import io.pushledger.domain.model.OtherEvent;
import io.pushledger.domain.model.PushInterrupted;
import io.pushledger.domain.model.PushSession;
import io.pushledger.domain.model.PushStarted;
import io.pushledger.domain.model.SessionStatus;
import io.pushledger.domain.port.in.RecordOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordCallbackServiceTest {

    private static final Duration LONGEST_COMMIT = Duration.ofSeconds(2);
    private static final Instant NOW = Instant.parse("2023-12-28T02:46:50Z");
    private static final Instant STARTED_AT = Instant.ofEpochSecond(1703731478L);

    private final InMemoryCallbackLedger events = new InMemoryCallbackLedger();
    private final InMemorySessionLedger sessions = new InMemorySessionLedger();
    private final RecordCallbackService service =
            new RecordCallbackService(events, sessions,
                new InMemoryTransactions(), Clock.fixed(NOW, ZoneOffset.UTC), LONGEST_COMMIT);

    private RecordOutcome record(CallbackEvent event) {
        return service.record(aCallbackOf(event));
    }

    /** The sample push's start; later pushes on the same path start a minute apart. */
    private static PushStarted aStartOfPush(String sequence, Instant at) {
        return aPushStart().withSequence(sequence).at(at).build();
    }

    @Test
    void aStartCreatesALiveSession() {
        PushStarted start = aPushStart().build();

        RecordOutcome outcome = record(start);

        PushSession session = sessions.get("2210464508206756938");
        assertThat(session.status()).isEqualTo(SessionStatus.LIVE);
        assertThat(session.startedAt()).isEqualTo(STARTED_AT);
        assertThat(outcome).isEqualTo(new RecordOutcome.Recorded(start, session));
        assertThat(events.all()).containsExactly(new StoredEvent(start, bodyOf(start), NOW, 1));
    }

    @Test
    void itsInterruptionEndsTheSession() {
        record(aPushStart().build());

        RecordOutcome outcome = record(aPushInterruption().build());

        assertThat(sessions.all()).containsExactly(anEndedSession());
        assertThat(outcome).isEqualTo(new RecordOutcome.Recorded(aPushInterruption().build(), anEndedSession()));
    }

    @Test
    void aRepeatedDeliveryIsADuplicateAndChangesNothing() {
        record(aPushStart().build());
        List<PushSession> before = sessions.all();

        RecordOutcome outcome = record(aPushStart().build());

        assertThat(outcome).isEqualTo(new RecordOutcome.Duplicate(aPushStart().build()));
        assertThat(sessions.all()).isEqualTo(before);
        assertThat(events.all()).hasSize(1);
        assertThat(events.deliveriesOf(aPushStart().build())).isEqualTo(2);
    }

    @Test
    void aRepeatedInterruptionIsADuplicateAndChangesNothing() {
        record(aPushStart().build());
        record(aPushInterruption().build());

        RecordOutcome outcome = record(aPushInterruption().build());

        assertThat(outcome).isInstanceOf(RecordOutcome.Duplicate.class);
        assertThat(sessions.all()).containsExactly(anEndedSession());
        assertThat(events.deliveriesOf(aPushInterruption().build())).isEqualTo(2);
    }

    @Test
    void aRepeatedDeliveryKeepsTheFirstReceipt() {
        record(aPushStart().build());
        RecordCallbackService aMinuteLater = new RecordCallbackService(events, sessions,
                new InMemoryTransactions(), Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC), LONGEST_COMMIT);

        aMinuteLater.record(aCallbackOf(aPushStart().build()));

        assertThat(events.find(aPushStart().build())).get().extracting(StoredEvent::receivedAt).isEqualTo(NOW);
    }

    @Test
    void anInterruptionFirstThenTheStartGivesTheSameSessionAsTheOtherOrder() {
        record(aPushInterruption().build());
        record(aPushStart().build());

        assertThat(sessions.all()).containsExactly(anEndedSession());
        assertThat(events.ofPush(anEndedSession().sequence())).hasSize(2);
    }

    @Test
    void anInterruptionAloneEndsASessionWithAnInferredStart() {
        RecordOutcome outcome = record(aPushInterruption().build());

        PushSession session = sessions.get("2210464508206756938");
        assertThat(session.status()).isEqualTo(SessionStatus.ENDED);
        assertThat(session.startInferred()).isTrue();
        assertThat(outcome).isEqualTo(new RecordOutcome.Recorded(aPushInterruption().build(), session));
    }

    @Test
    void aLaterStartOnTheSamePathMakesAnOlderLiveSessionStale() {
        record(aStartOfPush("older", STARTED_AT));

        RecordOutcome outcome = record(aStartOfPush("newer", STARTED_AT.plusSeconds(60)));

        assertThat(sessions.get("older").status()).isEqualTo(SessionStatus.STALE);
        assertThat(sessions.get("newer").status()).isEqualTo(SessionStatus.LIVE);
        assertThat(((RecordOutcome.Recorded) outcome).session()).isEqualTo(sessions.get("newer"));
    }

    @Test
    void anOlderStartArrivingAfterANewerOneIsBornStale() {
        record(aStartOfPush("newer", STARTED_AT.plusSeconds(60)));

        RecordOutcome outcome = record(aStartOfPush("older", STARTED_AT));

        assertThat(sessions.get("older").status()).isEqualTo(SessionStatus.STALE);
        assertThat(sessions.get("newer").status()).isEqualTo(SessionStatus.LIVE);
        assertThat(((RecordOutcome.Recorded) outcome).session()).isEqualTo(sessions.get("older"));
    }

    @Test
    void anOlderStartArrivingAfterTheNewerPushHasEndedIsBornStale() {
        record(aStartOfPush("newer", STARTED_AT.plusSeconds(60)));
        record(aPushInterruption().withSequence("newer").at(STARTED_AT.plusSeconds(120)).build());

        record(aStartOfPush("older", STARTED_AT));

        assertThat(sessions.get("older").status()).isEqualTo(SessionStatus.STALE);
    }

    @Test
    void aLaterPushKnownOnlyByItsInterruptionMakesAnOlderLiveSessionStale() {
        record(aStartOfPush("older", STARTED_AT));

        record(aPushInterruption().withSequence("newer").at(STARTED_AT.plusSeconds(600))
                .withPushDurationMs(60_000).build());

        assertThat(sessions.get("older").status()).isEqualTo(SessionStatus.STALE);
        assertThat(sessions.get("newer").status()).isEqualTo(SessionStatus.ENDED);
    }

    @Test
    void anInterruptionEndsAStaleSession() {
        record(aStartOfPush("older", STARTED_AT));
        record(aStartOfPush("newer", STARTED_AT.plusSeconds(60)));

        record(aPushInterruption().withSequence("older").at(STARTED_AT.plusSeconds(61)).withPushDurationMs(61_000)
                .build());

        PushSession older = sessions.get("older");
        assertThat(older.status()).isEqualTo(SessionStatus.ENDED);
        assertThat(older.endedAt()).isEqualTo(STARTED_AT.plusSeconds(61));
        assertThat(older.durationMs()).isEqualTo(61_000L);
        assertThat(sessions.get("newer").status()).isEqualTo(SessionStatus.LIVE);
    }

    @Test
    void aLaterStartLeavesAnEndedSessionEnded() {
        record(aPushStart().build());
        record(aPushInterruption().build());

        record(aStartOfPush("newer", STARTED_AT.plusSeconds(600)));

        assertThat(sessions.get("2210464508206756938")).isEqualTo(anEndedSession());
    }

    @Test
    void aStartAtTheSameInstantOnTheSamePathLeavesBothLive() {
        record(aStartOfPush("one", STARTED_AT));
        record(aStartOfPush("other", STARTED_AT));

        assertThat(sessions.get("one").status()).isEqualTo(SessionStatus.LIVE);
        assertThat(sessions.get("other").status()).isEqualTo(SessionStatus.LIVE);
    }

    @ParameterizedTest(name = "a later push on {0}/{1}/{2}")
    @CsvSource({
            "other.domain.com, live, test_stream",
            "test.domain.com, other_app, test_stream",
            "test.domain.com, live, other_stream",
    })
    void aLaterPushOnADifferentPathLeavesTheSessionLive(String domain, String appName, String streamId) {
        record(aPushStart().build());

        record(aPushStart().withSequence("elsewhere").onStream(domain, appName, streamId)
                .at(STARTED_AT.plusSeconds(60)).build());

        assertThat(sessions.get("2210464508206756938").status()).isEqualTo(SessionStatus.LIVE);
        assertThat(sessions.get("elsewhere").status()).isEqualTo(SessionStatus.LIVE);
    }

    @Test
    void anotherKindOfEventIsRecordedOnceAndRepeatedAsADuplicate() {
        OtherEvent recording = OtherEvents.aRecordingCallback().build();

        RecordOutcome first = record(recording);
        RecordOutcome second = record(recording);

        assertThat(first).isEqualTo(new RecordOutcome.Recorded(recording, null));
        assertThat(second).isEqualTo(new RecordOutcome.Duplicate(recording));
        assertThat(events.all()).containsExactly(new StoredEvent(recording, bodyOf(recording), NOW, 2));
        assertThat(sessions.all()).isEmpty();
        assertThat(sessions.lockedPaths()).isEmpty();
    }

    @Test
    void otherEventsWithDifferentBodiesAreDifferentEvents() {
        OtherEvent one = OtherEvents.aScreenshotCallback().withFingerprintOf("{\"pic\":1}").build();
        OtherEvent two = OtherEvents.aScreenshotCallback().withFingerprintOf("{\"pic\":2}").build();

        assertThat(record(one)).isInstanceOf(RecordOutcome.Recorded.class);
        assertThat(record(two)).isInstanceOf(RecordOutcome.Recorded.class);
        assertThat(events.all()).hasSize(2);
    }

    @Test
    void thePathIsLockedForEveryPushEvent() {
        PushStarted start = aPushStart().build();
        PushInterrupted elsewhere = aPushInterruption().withSequence("elsewhere")
                .onStream("other.domain.com", "live", "test_stream").build();

        record(start);
        record(start);
        record(elsewhere);

        assertThat(sessions.lockedPaths()).containsExactly(samplePath(), samplePath(), elsewhere.path());
    }

    @Test
    void aBatchLocksEachPathOnceBeforeRecordingAnything() {
        PushInterrupted elsewhere = aPushInterruption().withSequence("elsewhere")
                .onStream("other.domain.com", "live", "test_stream").build();

        service.recordAll(List.of(aCallbackOf(aPushStart().build()), aCallbackOf(elsewhere),
                aCallbackOf(OtherEvents.aRecordingCallback().build()), aCallbackOf(aPushInterruption().build())));

        assertThat(sessions.lockedPaths()).containsExactly(samplePath(), elsewhere.path());
    }

    @Test
    void aBatchGivesTheOutcomesAndSessionsOfRecordingItsCallbacksOneByOne() {
        List<CallbackEvent> callbacks = List.of(
                aStartOfPush("older", STARTED_AT),
                aStartOfPush("newer", STARTED_AT.plusSeconds(60)),
                aStartOfPush("older", STARTED_AT),
                aPushInterruption().withSequence("newer").at(STARTED_AT.plusSeconds(120)).build(),
                OtherEvents.aRecordingCallback().build(),
                aStartOfPush("oldest", STARTED_AT.minusSeconds(60)));
        InMemorySessionLedger oneByOne = new InMemorySessionLedger();
        RecordCallbackService alone = new RecordCallbackService(new InMemoryCallbackLedger(), oneByOne,
                new InMemoryTransactions(), Clock.fixed(NOW, ZoneOffset.UTC), LONGEST_COMMIT);
        List<RecordOutcome> expected = callbacks.stream().map(event -> alone.record(aCallbackOf(event))).toList();

        List<RecordOutcome> outcomes = service.recordAll(callbacks.stream().map(Callbacks::aCallbackOf).toList());

        assertThat(outcomes).isEqualTo(expected);
        assertThat(outcomes.get(2)).isInstanceOf(RecordOutcome.Duplicate.class);
        assertThat(sessions.all()).containsExactlyInAnyOrderElementsOf(oneByOne.all());
        assertThat(sessions.get("older").status()).isEqualTo(SessionStatus.STALE);
        assertThat(sessions.get("oldest").status()).isEqualTo(SessionStatus.STALE);
    }

    @Test
    void theEventIsStoredWithTheBodyAsReceived() {
        PushInterrupted interruption = aPushInterruption().build();
        String body = "{ \"event_type\": 0, \"sequence\": \"2210464508206756938\", \"extra\": [1, 2] }";

        service.record(new io.pushledger.domain.port.in.RecordCallbackCommand(interruption, body));

        assertThat(events.find(interruption)).get().extracting(StoredEvent::body).isEqualTo(body);
    }

    @Test
    void startsDeliveredNewestFirstLeaveEveryOlderOpenPushStale() {
        // Five pushes on one path, their starts delivered newest first, two of them ended.
        for (int i = 5; i >= 1; i--) {
            record(aStartOfPush("push-" + i, STARTED_AT.plus(Duration.ofMinutes(i))));
        }
        record(aPushInterruption().withSequence("push-2").at(STARTED_AT.plus(Duration.ofMinutes(3))).build());
        record(aPushInterruption().withSequence("push-5").at(STARTED_AT.plus(Duration.ofMinutes(9))).build());

        assertThat(sessions.all()).extracting(s -> s.sequence().value() + ":" + s.status())
                .containsExactlyInAnyOrder("push-1:STALE", "push-2:ENDED", "push-3:STALE", "push-4:STALE",
                        "push-5:ENDED");
    }
}
