package io.pushledger.app;

import static io.pushledger.app.SignedCallback.aPushStart;
import static io.pushledger.app.SignedCallback.uniqueSequence;
import static io.pushledger.app.SignedCallback.uniqueStream;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The retention job deletes what is older than the configured age, in batches, and keeps the rest.
 * The test profile keeps 20,000 days, so only the 1970 history made here is old enough to go.
 */
@QuarkusTest
class HistoryRetentionJobTest {

    @Inject
    HistoryRetentionJob job;

    private final Ledger ledger = Ledger.ofTestDatabase();

    @Test
    void historyOlderThanTheRetentionPeriodIsDeletedAndNewerHistoryKept() {
        String stream = uniqueStream();
        String expired = uniqueSequence();
        String kept = uniqueSequence();
        CallbackRecordingTest.accepted(aPushStart(expired, stream).with("event_time", Instant.parse("1970-06-01T00:00:00Z").getEpochSecond()));
        CallbackRecordingTest.accepted(aPushStart(kept, stream).with("event_time", Instant.parse("1975-06-01T00:00:00Z").getEpochSecond()));
        ledger.execute("UPDATE callback_event SET received_at = ? WHERE sequence = ?",
                OffsetDateTime.of(1970, 6, 1, 0, 0, 0, 0, ZoneOffset.UTC), expired);

        job.expireHistory();

        assertThat(ledger.sessions(expired)).isEmpty();
        assertThat(ledger.pushEvents(expired)).isEmpty();
        assertThat(ledger.sessions(kept)).hasSize(1);
        assertThat(ledger.pushEvents(kept)).hasSize(1);
    }
}
