package io.pushledger.domain.model;

import static io.pushledger.domain.fixtures.PushEvents.aPushInterruption;
import static io.pushledger.domain.fixtures.PushEvents.aPushStart;
import static io.pushledger.domain.fixtures.PushEvents.samplePath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pushledger.domain.fixtures.OtherEvents;
import io.pushledger.domain.port.in.RecordCallbackCommand;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CallbackEventTest {

    @Test
    void aStartIsEventType1AndAnInterruption0() {
        assertThat(aPushStart().build().eventType()).isEqualTo(1);
        assertThat(aPushInterruption().build().eventType()).isEqualTo(0);
        assertThat(EventType.isPush(0)).isTrue();
        assertThat(EventType.isPush(1)).isTrue();
        assertThat(EventType.isPush(100)).isFalse();
        assertThat(EventType.isPush(-1)).isFalse();
    }

    @Test
    void aPushEventNeedsASequenceAndDetails() {
        PushStarted start = aPushStart().build();

        assertThatThrownBy(() -> new PushStarted(null, start.details())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PushStarted(start.sequence(), null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PushInterrupted(null, start.details(), 1L, 1, "ok"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PushInterrupted(start.sequence(), null, 1L, 1, "ok"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pushDetailsNeedAPathAndAnEventTimeOnly() {
        Instant at = Instant.ofEpochSecond(1703731478L);

        assertThatThrownBy(() -> new PushDetails(null, at, null, null, null, null, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PushDetails(samplePath(), null, null, null, null, null, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new PushDetails(samplePath(), at, null, null, null, null, null, null, null, null, null).path())
                .isEqualTo(samplePath());
    }

    @Test
    void aNegativePushDurationIsRejectedAndZeroAccepted() {
        assertThatThrownBy(() -> aPushInterruption().withPushDurationMs(-1).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(aPushInterruption().withPushDurationMs(0).build().pushDurationMs()).isZero();
    }

    @Test
    void anInterruptionIsClassifiedByItsErrcode() {
        PushInterrupted interrupted = aPushInterruption().withErrcode(12).withErrmsg("link broke").build();

        assertThat(interrupted.interruption())
                .isEqualTo(new Interruption(12, "link broke", InterruptionCategory.NETWORK_ERROR));
    }

    @Test
    void anotherKindOfEventIsNotAPushAndNeedsAFingerprint() {
        assertThatThrownBy(() -> OtherEvents.anOtherCallback(0).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OtherEvents.anOtherCallback(1).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OtherEvents.aRecordingCallback().withFingerprint(null).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(OtherEvents.aRecordingCallback().onStreamId(null).at(null).build().eventType()).isEqualTo(100);
    }

    @Test
    void aCommandNeedsAnEventAndABody() {
        PushStarted start = aPushStart().build();

        assertThatThrownBy(() -> new RecordCallbackCommand(null, "{}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecordCallbackCommand(start, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecordCallbackCommand(start, "")).isInstanceOf(IllegalArgumentException.class);
    }
}
