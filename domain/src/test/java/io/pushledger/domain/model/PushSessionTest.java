package io.pushledger.domain.model;

import static io.pushledger.domain.fixtures.PushEvents.SAMPLE_INTERRUPTION_TIME;
import static io.pushledger.domain.fixtures.PushEvents.SAMPLE_START_TIME;
import static io.pushledger.domain.fixtures.PushEvents.aPushInterruption;
import static io.pushledger.domain.fixtures.PushEvents.aPushStart;
import static io.pushledger.domain.fixtures.PushEvents.samplePath;
import static io.pushledger.domain.fixtures.Sessions.aStartedSession;
import static io.pushledger.domain.fixtures.Sessions.anEndedSession;
import static io.pushledger.domain.fixtures.Sessions.sessionOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PushSessionTest {

    // The vendor's samples: started at 1703731478, interrupted at 1703731606 after 128,581 ms.
    private static final Instant STARTED_AT = Instant.ofEpochSecond(1703731478L);
    private static final Instant ENDED_AT = Instant.ofEpochSecond(1703731606L);
    private static final long PUSH_DURATION_MS = 128_581L;
    private static final Instant INFERRED_START = Instant.ofEpochMilli(1_703_731_606_000L - 128_581L);

    @Test
    void theFixturesAreTheVendorSamples() {
        assertThat(SAMPLE_START_TIME).isEqualTo(STARTED_AT);
        assertThat(SAMPLE_INTERRUPTION_TIME).isEqualTo(ENDED_AT);
    }

    @Nested
    class AStart {

        @Test
        void makesTheSessionLive() {
            PushSession session = PushSession.from(aPushStart().build());

            assertThat(session.status()).isEqualTo(SessionStatus.LIVE);
            assertThat(session.isOpen()).isTrue();
            assertThat(session.startedAt()).isEqualTo(STARTED_AT);
            assertThat(session.startInferred()).isFalse();
            assertThat(session.endedAt()).isNull();
            assertThat(session.durationMs()).isNull();
            assertThat(session.interruption()).isNull();
        }

        @Test
        void keepsWhereAndFromWhereThePushCameAsSent() {
            PushSession session = PushSession.from(aPushStart().build());

            assertThat(session.sequence()).isEqualTo(new Sequence("2210464508206756938"));
            assertThat(session.path()).isEqualTo(new StreamPath("test.domain.com", "live", new StreamId("test_stream")));
            assertThat(session.appId()).isEqualTo(12345678L);
            assertThat(session.channelId()).isEqualTo("test_stream");
            assertThat(session.clientIp()).isEqualTo("1.1.1.1");
            assertThat(session.node()).isEqualTo("42.81.194.37");
            assertThat(session.streamParam()).isEqualTo("stream_param=test");
            assertThat(session.setId()).isEqualTo(2);
            assertThat(session.region()).isEqualTo(Region.MAINLAND);
            assertThat(session.idcId()).isEqualTo(34);
            assertThat(session.width()).isZero();
            assertThat(session.height()).isZero();
        }

        @Test
        void repeatedChangesNothing() {
            PushSession live = aStartedSession();

            assertThat(live.apply(aPushStart().build())).isEqualTo(live);
        }

        @Test
        void ofAnotherPushIsRejected() {
            PushSession live = aStartedSession();

            assertThatThrownBy(() -> live.apply(aPushStart().withSequence("42").build()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class AStartThenItsInterruption {

        @Test
        void endTheSessionWithTheInterruptionsTimeDurationAndReason() {
            PushSession session = sessionOf(aPushStart().build(), aPushInterruption().build());

            assertThat(session.status()).isEqualTo(SessionStatus.ENDED);
            assertThat(session.isOpen()).isFalse();
            assertThat(session.startedAt()).isEqualTo(STARTED_AT);
            assertThat(session.startInferred()).isFalse();
            assertThat(session.endedAt()).isEqualTo(ENDED_AT);
            assertThat(session.durationMs()).isEqualTo(PUSH_DURATION_MS);
            assertThat(session.interruption()).isEqualTo(
                    new Interruption(1, "The push client actively stopped the push", InterruptionCategory.CLIENT_STOPPED));
            assertThat(session.interruption().abnormal()).isFalse();
        }

        @Test
        void withAnAbnormalCodeGiveAnAbnormalInterruption() {
            PushSession session = sessionOf(aPushStart().build(), aPushInterruption().withErrcode(12).build());

            assertThat(session.interruption().category()).isEqualTo(InterruptionCategory.NETWORK_ERROR);
            assertThat(session.interruption().abnormal()).isTrue();
        }

        @Test
        void withoutPushDurationTakeTheDurationFromTheEventTimes() {
            PushSession session = sessionOf(aPushStart().build(), aPushInterruption().withoutPushDuration().build());

            assertThat(session.durationMs()).isEqualTo(128_000L);
            assertThat(session.startedAt()).isEqualTo(STARTED_AT);
        }

        @Test
        void withoutPushDurationAndWithClocksOutOfStepGiveNoNegativeDuration() {
            PushSession session = sessionOf(
                    aPushStart().atEpochSecond(1703731700L).build(),
                    aPushInterruption().withoutPushDuration().build());

            assertThat(session.durationMs()).isZero();
        }

        @Test
        void repeatedChangeNothing() {
            PushSession ended = anEndedSession();

            assertThat(ended.apply(aPushStart().build())).isEqualTo(ended);
            assertThat(ended.apply(aPushInterruption().build())).isEqualTo(ended);
        }

        @Test
        void keepTheFirstInterruptionWhenAnotherOneArrives() {
            PushSession ended = anEndedSession();

            PushSession after = ended.apply(aPushInterruption().withErrcode(12).atEpochSecond(1703731700L).build());

            assertThat(after).isEqualTo(ended);
        }
    }

    @Nested
    class AnInterruptionArrivingFirst {

        @Test
        void infersTheStart() {
            PushSession session = PushSession.from(aPushInterruption().build());

            assertThat(session.status()).isEqualTo(SessionStatus.ENDED);
            assertThat(session.startInferred()).isTrue();
            assertThat(session.startedAt()).isEqualTo(INFERRED_START);
            assertThat(session.endedAt()).isEqualTo(ENDED_AT);
            assertThat(session.durationMs()).isEqualTo(PUSH_DURATION_MS);
            assertThat(session.interruption().category()).isEqualTo(InterruptionCategory.CLIENT_STOPPED);
        }

        @Test
        void isReplacedByTheStartArrivingLater() {
            PushSession session = sessionOf(aPushInterruption().build(), aPushStart().build());

            assertThat(session.status()).isEqualTo(SessionStatus.ENDED);
            assertThat(session.startInferred()).isFalse();
            assertThat(session.startedAt()).isEqualTo(STARTED_AT);
            assertThat(session.endedAt()).isEqualTo(ENDED_AT);
            // push_duration is what Tencent measured; the event times only have whole seconds.
            assertThat(session.durationMs()).isEqualTo(PUSH_DURATION_MS);
        }

        @Test
        void withoutPushDurationInfersAStartAtItsEndAndNoDuration() {
            PushSession session = PushSession.from(aPushInterruption().withoutPushDuration().build());

            assertThat(session.startInferred()).isTrue();
            assertThat(session.startedAt()).isEqualTo(ENDED_AT);
            assertThat(session.durationMs()).isNull();
        }

        @Test
        void withoutPushDurationTakesTheDurationFromTheEventTimesOnceTheStartArrives() {
            PushSession session = sessionOf(aPushInterruption().withoutPushDuration().build(), aPushStart().build());

            assertThat(session.startInferred()).isFalse();
            assertThat(session.startedAt()).isEqualTo(STARTED_AT);
            assertThat(session.durationMs()).isEqualTo(128_000L);
        }

        @Test
        void repeatedChangesNothing() {
            PushSession ended = PushSession.from(aPushInterruption().build());

            assertThat(ended.apply(aPushInterruption().build())).isEqualTo(ended);
        }

        @Test
        void ofAnotherPushIsRejected() {
            PushSession live = aStartedSession();

            assertThatThrownBy(() -> live.apply(aPushInterruption().withSequence("42").build()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Superseding {

        @Test
        void makesALiveSessionStale() {
            PushSession stale = aStartedSession().supersede();

            assertThat(stale.status()).isEqualTo(SessionStatus.STALE);
            assertThat(stale.isOpen()).isTrue();
            assertThat(stale).usingRecursiveComparison().ignoringFields("status").isEqualTo(aStartedSession());
        }

        @Test
        void leavesAnEndedSessionEnded() {
            assertThat(anEndedSession().supersede()).isEqualTo(anEndedSession());
        }

        @Test
        void leavesAStaleSessionStale() {
            PushSession stale = aStartedSession().supersede();

            assertThat(stale.supersede()).isEqualTo(stale);
        }

        @Test
        void doesNotStopTheInterruptionFromEndingTheSession() {
            PushSession ended = aStartedSession().supersede().apply(aPushInterruption().build());

            assertThat(ended).isEqualTo(anEndedSession());
        }

        @Test
        void leavesAStaleSessionStaleWhenItsStartIsRepeated() {
            PushSession stale = aStartedSession().supersede();

            assertThat(stale.apply(aPushStart().build())).isEqualTo(stale);
        }

        @Test
        void happensOnlyByALaterPushOnTheSamePath() {
            PushSession session = aStartedSession();
            PushSession later = sessionOf(aPushStart().withSequence("later").at(STARTED_AT.plusSeconds(1)).build());
            PushSession simultaneous = sessionOf(aPushStart().withSequence("simultaneous").build());
            PushSession earlier = sessionOf(aPushStart().withSequence("earlier").at(STARTED_AT.minusSeconds(1)).build());
            PushSession laterElsewhere = sessionOf(aPushStart().withSequence("elsewhere")
                    .onStream("other.domain.com", "live", "test_stream").at(STARTED_AT.plusSeconds(1)).build());

            assertThat(session.isSupersededBy(later)).isTrue();
            assertThat(session.isSupersededBy(simultaneous)).isFalse();
            assertThat(session.isSupersededBy(earlier)).isFalse();
            assertThat(session.isSupersededBy(laterElsewhere)).isFalse();
            assertThat(session.isSupersededBy(session)).isFalse();
        }
    }

    @Nested
    class WhatBothCallbacksReport {

        @Test
        void aVideoSizeOfZeroInTheStartIsReplacedByTheInterruptionsSize() {
            PushEventsPair pair = new PushEventsPair(
                    aPushStart().withSize(0, 0).build(), aPushInterruption().withSize(1920, 1080).build());

            for (PushSession session : pair.inBothOrders()) {
                assertThat(session.width()).isEqualTo(1920);
                assertThat(session.height()).isEqualTo(1080);
            }
        }

        @Test
        void aRealVideoSizeInTheStartWins() {
            PushEventsPair pair = new PushEventsPair(
                    aPushStart().withSize(1280, 720).build(), aPushInterruption().withSize(1920, 1080).build());

            for (PushSession session : pair.inBothOrders()) {
                assertThat(session.width()).isEqualTo(1280);
                assertThat(session.height()).isEqualTo(720);
            }
        }

        @Test
        void aVideoSizeOfZeroInBothStaysZero() {
            PushEventsPair pair = new PushEventsPair(aPushStart().build(), aPushInterruption().build());

            for (PushSession session : pair.inBothOrders()) {
                assertThat(session.width()).isZero();
                assertThat(session.height()).isZero();
            }
        }

        @Test
        void theStartIsPreferredAndTheInterruptionFillsWhatTheStartLacks() {
            PushEventsPair pair = new PushEventsPair(
                    aPushStart().withoutOptionalDetails().onNode("10.0.0.1").build(),
                    aPushInterruption().onNode("10.0.0.2").build());

            for (PushSession session : pair.inBothOrders()) {
                assertThat(session.node()).isEqualTo("10.0.0.1");
                assertThat(session.clientIp()).isEqualTo("1.1.1.1");
                assertThat(session.appId()).isEqualTo(12345678L);
                assertThat(session.setId()).isEqualTo(2);
                assertThat(session.idcId()).isEqualTo(34);
                assertThat(session.streamParam()).isEqualTo("stream_param=test");
                assertThat(session.channelId()).isEqualTo("test_stream");
            }
        }

        @Test
        void whatNeitherReportsStaysUnknown() {
            PushEventsPair pair = new PushEventsPair(
                    aPushStart().withoutOptionalDetails().build(),
                    aPushInterruption().withoutOptionalDetails().withErrcode(null).withErrmsg(null).build());

            for (PushSession session : pair.inBothOrders()) {
                assertThat(session.appId()).isNull();
                assertThat(session.setId()).isNull();
                assertThat(session.region()).isEqualTo(Region.UNKNOWN);
                assertThat(session.width()).isNull();
                assertThat(session.interruption()).isEqualTo(new Interruption(null, null, InterruptionCategory.UNKNOWN));
            }
        }

        private record PushEventsPair(PushStarted start, PushInterrupted interruption) {

            PushSession[] inBothOrders() {
                return new PushSession[] {sessionOf(start, interruption), sessionOf(interruption, start)};
            }
        }
    }

    @Nested
    class Invariants {

        @Test
        void anEndedSessionNeedsItsInterruption() {
            assertThatThrownBy(() -> new PushSession(new Sequence("1"), samplePath(), SessionStatus.ENDED,
                    STARTED_AT, false, ENDED_AT, 1L, null, null, null, null, null, null, null, null, null, null))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void anOpenSessionHasNoInterruption() {
            assertThatThrownBy(() -> new PushSession(new Sequence("1"), samplePath(), SessionStatus.LIVE,
                    STARTED_AT, false, ENDED_AT, 1L, Interruption.of(1, "ok"),
                    null, null, null, null, null, null, null, null, null))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void onlyAnEndedSessionCanHaveAnInferredStart() {
            assertThatThrownBy(() -> new PushSession(new Sequence("1"), samplePath(), SessionStatus.LIVE,
                    STARTED_AT, true, null, null, null, null, null, null, null, null, null, null, null, null))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void aSessionNeedsASequenceAPathAStatusAndAStart() {
            assertThatThrownBy(() -> new PushSession(null, samplePath(), SessionStatus.LIVE,
                    STARTED_AT, false, null, null, null, null, null, null, null, null, null, null, null, null))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> new PushSession(new Sequence("1"), samplePath(), SessionStatus.LIVE,
                    null, false, null, null, null, null, null, null, null, null, null, null, null, null))
                    .isInstanceOf(NullPointerException.class);
        }
    }
}
