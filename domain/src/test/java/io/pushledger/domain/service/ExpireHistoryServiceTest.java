package io.pushledger.domain.service;

import static io.pushledger.domain.fixtures.PushEvents.aPushStart;
import static io.pushledger.domain.fixtures.Sessions.sessionOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.pushledger.domain.fakes.InMemoryCallbackLedger;
import io.pushledger.domain.fakes.InMemorySessionLedger;
import io.pushledger.domain.model.PushStarted;
import io.pushledger.domain.model.RetentionPolicy;
import io.pushledger.domain.port.in.ExpireHistoryUseCase.ExpiredBatch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ExpireHistoryServiceTest {

    private static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");

    private final InMemoryCallbackLedger events = new InMemoryCallbackLedger();
    private final InMemorySessionLedger sessions = new InMemorySessionLedger();

    private ExpireHistoryService serviceKeeping(Duration maxAge, int batchSize) {
        return new ExpireHistoryService(events, sessions, new RetentionPolicy(maxAge, batchSize),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private void aPushStartedAndReceived(String sequence, Instant when) {
        PushStarted start = aPushStart().withSequence(sequence).at(when).build();
        events.record(start, "{}", when);
        sessions.save(sessionOf(start));
    }

    @Test
    void historyOlderThanTheRetentionPeriodIsDeletedAndNewerHistoryKept() {
        aPushStartedAndReceived("1", NOW.minus(Duration.ofDays(91)));
        aPushStartedAndReceived("2", NOW.minus(Duration.ofDays(89)));

        ExpiredBatch batch = serviceKeeping(Duration.ofDays(90), 100).expireBatch();

        assertThat(batch).isEqualTo(new ExpiredBatch(1, 1, true));
        assertThat(sessions.all()).extracting(s -> s.sequence().value()).containsExactly("2");
        assertThat(events.all()).hasSize(1);
    }

    @Test
    void aFullBatchIsNotComplete() {
        for (int i = 0; i < 5; i++) {
            aPushStartedAndReceived("old-" + i, NOW.minus(Duration.ofDays(100 + i)));
        }
        ExpireHistoryService service = serviceKeeping(Duration.ofDays(90), 2);

        assertThat(service.expireBatch()).isEqualTo(new ExpiredBatch(2, 2, false));
        assertThat(service.expireBatch()).isEqualTo(new ExpiredBatch(2, 2, false));
        assertThat(service.expireBatch()).isEqualTo(new ExpiredBatch(1, 1, true));
        assertThat(sessions.all()).isEmpty();
    }

    @Test
    void theCutoffMovesWithTheClock() {
        aPushStartedAndReceived("1", NOW.minus(Duration.ofDays(10)));

        assertThat(serviceKeeping(Duration.ofDays(30), 10).expireBatch().sessions()).isZero();
        assertThat(serviceKeeping(Duration.ofDays(9), 10).expireBatch().sessions()).isEqualTo(1);
    }
}
