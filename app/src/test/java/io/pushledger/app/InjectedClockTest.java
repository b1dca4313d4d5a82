package io.pushledger.app;

import static io.pushledger.app.CallbackRecordingTest.accepted;
import static io.pushledger.app.SignedCallback.aPushStart;
import static io.pushledger.app.SignedCallback.uniqueSequence;
import static io.pushledger.app.SignedCallback.uniqueStream;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The service tells the time by the injected clock only: here one running three days behind. */
@QuarkusTest
@TestProfile(InjectedClockTest.ThreeDaysBehind.class)
class InjectedClockTest {

    static final Duration SHIFT = Duration.ofDays(-3);

    public static class ThreeDaysBehind implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(ShiftedClock.class);
        }
    }

    /** The system clock, shifted. */
    @Alternative
    @Singleton
    public static class ShiftedClock extends Clock {

        private final Clock shifted = Clock.offset(Clock.systemUTC(), SHIFT);

        @Override
        public ZoneId getZone() {
            return shifted.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return shifted.withZone(zone);
        }

        @Override
        public Instant instant() {
            return shifted.instant();
        }
    }

    private final Ledger ledger = Ledger.ofTestDatabase();

    @Test
    void aSessionsUpdatedAtComesFromTheInjectedClock() {
        Instant clockNow = Instant.now().plus(SHIFT);
        String sequence = uniqueSequence();
        // Signed as Tencent would sign at the clock's now, so that the signature check passes.
        accepted(aPushStart(sequence, uniqueStream()).expiringAt(clockNow.plusSeconds(600).getEpochSecond())
                .with("event_time", clockNow.getEpochSecond()));

        Instant updatedAt = ((Timestamp) ledger.session(sequence).get("updated_at")).toInstant();
        assertThat(Duration.between(clockNow, updatedAt).abs()).isLessThan(Duration.ofMinutes(1));
    }
}
