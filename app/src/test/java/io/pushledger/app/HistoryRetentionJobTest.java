package io.pushledger.app;

import static io.pushledger.app.SignedCallback.aPushInterruption;
import static io.pushledger.app.SignedCallback.aPushStart;
import static io.pushledger.app.SignedCallback.uniqueSequence;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The retention job deletes a push with its callbacks once it has been over for longer than the configured
 * age, never a push still live, and the interruption statistics of the days kept stay as they were.
 * The test profile keeps 20,000 days (back to early 1972), so only the 1970 history made here is old enough.
 */
@QuarkusTest
class HistoryRetentionJobTest {

    private static final Instant JUNE_1970 = Instant.parse("1970-06-01T00:00:00Z");

    @Inject
    HistoryRetentionJob job;

    private final Ledger ledger = Ledger.ofTestDatabase();
    private final String domain = "retention-" + UUID.randomUUID() + ".example.com";

    @Test
    void aPushOverLongAgoGoesWithItsCallbacksWhileALivePushAndOneEndedSinceStayWhole() {
        String ended = uniqueSequence();
        String live = uniqueSequence();
        String endedSince = uniqueSequence();
        started(ended);
        interrupted(ended, JUNE_1970.plusSeconds(86_400));
        started(live);
        started(endedSince);
        interrupted(endedSince, Instant.parse("1975-06-01T00:00:00Z"));
        ledger.execute("UPDATE callback_event SET received_at = ? WHERE sequence IN (?, ?, ?)",
                OffsetDateTime.ofInstant(JUNE_1970, ZoneOffset.UTC), ended, live, endedSince);
        assertThat(interruptionsCounted()).isEqualTo(2);

        job.expireHistory();

        assertThat(ledger.sessions(ended)).isEmpty();
        assertThat(ledger.pushEvents(ended)).isEmpty();
        assertThat(ledger.sessions(live)).as("LIVE since 1970: never deleted").hasSize(1);
        assertThat(ledger.pushEvents(live)).hasSize(1);
        assertThat(ledger.sessions(endedSince)).as("started before the cutoff, ended after it").hasSize(1);
        assertThat(ledger.pushEvents(endedSince)).as("kept with its session").hasSize(2);
        assertThat(interruptionsCounted()).as("only the day of 1970 lost its count").isEqualTo(1);
    }

    private void started(String sequence) {
        CallbackRecordingTest.accepted(aPushStart(sequence, "stream-" + sequence).with("app", domain)
                .with("event_time", JUNE_1970.getEpochSecond()));
    }

    private void interrupted(String sequence, Instant at) {
        CallbackRecordingTest.accepted(aPushInterruption(sequence, "stream-" + sequence).with("app", domain)
                .with("event_time", at.getEpochSecond()));
    }

    private long interruptionsCounted() {
        return ledger.count("SELECT coalesce(sum(sessions), 0) FROM interruptions_by_day WHERE domain = ?", domain);
    }
}
