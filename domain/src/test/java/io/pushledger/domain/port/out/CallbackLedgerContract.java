package io.pushledger.domain.port.out;

import static io.pushledger.domain.fixtures.PushEvents.aPushInterruption;
import static io.pushledger.domain.fixtures.PushEvents.aPushStart;
import static org.assertj.core.api.Assertions.assertThat;

import io.pushledger.domain.fixtures.OtherEvents;
import io.pushledger.domain.model.OtherEvent;
import io.pushledger.domain.model.PushInterrupted;
import io.pushledger.domain.model.PushStarted;
import io.pushledger.domain.port.out.CallbackLedger.Delivery;
import io.pushledger.domain.port.out.CallbackLedger.Received;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CallbackLedger} must do; extended by the tests of the fake and of the real adapter.
 * Each test uses fresh sequences and bodies, so a shared database needs no cleaning between tests.
 */
public abstract class CallbackLedgerContract {

    private static final Instant RECEIVED_AT = Instant.parse("2023-12-28T02:44:40Z");

    /** The implementation under test, ready to take events. */
    protected abstract CallbackLedger callbackLedger();

    protected static String aFreshSequence() {
        return Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()));
    }

    @Test
    void theFirstDeliveryOfAPushEventIsFirstAndEveryLaterOneRepeated() {
        CallbackLedger events = callbackLedger();
        PushStarted start = aPushStart().withSequence(aFreshSequence()).build();

        assertThat(events.record(start, "{\"first\":1}", RECEIVED_AT)).isEqualTo(Delivery.FIRST);
        assertThat(events.record(start, "{\"first\":1}", RECEIVED_AT)).isEqualTo(Delivery.REPEATED);
        assertThat(events.record(start, "{\"first\":1}", RECEIVED_AT.plusSeconds(60))).isEqualTo(Delivery.REPEATED);
    }

    @Test
    void recordingSeveralAtOnceGivesEachDeliveryInOrderRepeatsWithinTheListIncluded() {
        CallbackLedger events = callbackLedger();
        String sequence = aFreshSequence();
        PushStarted start = aPushStart().withSequence(sequence).build();
        PushInterrupted interruption = aPushInterruption().withSequence(sequence).build();
        events.record(interruption, "{\"i\":1}", RECEIVED_AT);

        List<Delivery> deliveries = events.recordAll(List.of(
                new Received(start, "{\"s\":1}", RECEIVED_AT),
                new Received(interruption, "{\"i\":1}", RECEIVED_AT),
                new Received(start, "{\"s\":1}", RECEIVED_AT)));

        assertThat(deliveries).containsExactly(Delivery.FIRST, Delivery.REPEATED, Delivery.REPEATED);
        assertThat(events.record(start, "{\"s\":1}", RECEIVED_AT)).isEqualTo(Delivery.REPEATED);
    }

    @Test
    void theStartAndTheInterruptionOfOnePushAreTwoEvents() {
        CallbackLedger events = callbackLedger();
        String sequence = aFreshSequence();

        assertThat(events.record(aPushStart().withSequence(sequence).build(), "{\"s\":1}", RECEIVED_AT))
                .isEqualTo(Delivery.FIRST);
        assertThat(events.record(aPushInterruption().withSequence(sequence).build(), "{\"i\":1}", RECEIVED_AT))
                .isEqualTo(Delivery.FIRST);
    }

    @Test
    void aPushEventIsKnownByItsSequenceAndTypeNotByItsBody() {
        CallbackLedger events = callbackLedger();
        String sequence = aFreshSequence();
        events.record(aPushStart().withSequence(sequence).build(), "{\"retry\":0}", RECEIVED_AT);

        // A retry may carry other details (a later t, a renewed sign): still the same event.
        Delivery again = events.record(aPushStart().withSequence(sequence).onNode("10.0.0.1").build(),
                "{\"retry\":1}", RECEIVED_AT.plusSeconds(60));

        assertThat(again).isEqualTo(Delivery.REPEATED);
    }

    @Test
    void pushesWithDifferentSequencesAreDifferentEvents() {
        CallbackLedger events = callbackLedger();

        assertThat(events.record(aPushStart().withSequence(aFreshSequence()).build(), "{}", RECEIVED_AT))
                .isEqualTo(Delivery.FIRST);
        assertThat(events.record(aPushStart().withSequence(aFreshSequence()).build(), "{}", RECEIVED_AT))
                .isEqualTo(Delivery.FIRST);
    }

    @Test
    void anotherKindOfEventIsKnownByItsBodyFingerprint() {
        CallbackLedger events = callbackLedger();
        String body = "{\"event_type\":100,\"nonce\":\"" + UUID.randomUUID() + "\"}";
        OtherEvent recording = OtherEvents.aRecordingCallback().withFingerprintOf(body).build();
        OtherEvent sameBodyOtherwiseDescribed = OtherEvents.aRecordingCallback().withFingerprintOf(body)
                .onStreamId("another_stream").build();
        OtherEvent anotherBody = OtherEvents.aRecordingCallback().withFingerprintOf(body + " ").build();

        assertThat(events.record(recording, body, RECEIVED_AT)).isEqualTo(Delivery.FIRST);
        assertThat(events.record(sameBodyOtherwiseDescribed, body, RECEIVED_AT)).isEqualTo(Delivery.REPEATED);
        assertThat(events.record(anotherBody, body + " ", RECEIVED_AT)).isEqualTo(Delivery.FIRST);
    }

    @Test
    void expiredEventsAreDeletedOldestFirstInBatches() {
        CallbackLedger events = callbackLedger();
        // Long before any other test's data, so a shared database does not disturb the counts.
        Instant longAgo = Instant.parse("1971-01-01T00:00:00Z");
        PushStarted oldest = aPushStart().withSequence(aFreshSequence()).build();
        PushStarted older = aPushStart().withSequence(aFreshSequence()).build();
        PushStarted recent = aPushStart().withSequence(aFreshSequence()).build();
        events.record(recent, "{}", longAgo.plusSeconds(7200));
        events.record(older, "{}", longAgo.plusSeconds(60));
        events.record(oldest, "{}", longAgo);

        assertThat(events.deleteReceivedBefore(longAgo.plusSeconds(3600), 1)).isEqualTo(1);
        assertThat(events.record(oldest, "{}", RECEIVED_AT)).as("deleted, so new again").isEqualTo(Delivery.FIRST);
        assertThat(events.deleteReceivedBefore(longAgo.plusSeconds(3600), 10)).isEqualTo(1);
        assertThat(events.record(older, "{}", RECEIVED_AT)).isEqualTo(Delivery.FIRST);
        assertThat(events.record(recent, "{}", RECEIVED_AT)).isEqualTo(Delivery.REPEATED);
    }
}
