package io.pushledger.domain.service;

import static io.pushledger.domain.fixtures.Callbacks.aCallbackOf;
import static io.pushledger.domain.fixtures.PushEvents.aPushStart;
import static org.assertj.core.api.Assertions.assertThat;

import io.pushledger.domain.fakes.InMemoryCallbackLedger;
import io.pushledger.domain.fakes.InMemorySessionLedger;
import io.pushledger.domain.fakes.InMemoryTransactions;
import io.pushledger.domain.model.Sequence;
import io.pushledger.domain.port.in.RecordOutcome;
import io.pushledger.domain.port.out.CallbackLedger;
import io.pushledger.domain.port.out.ContentRefusedException;
import io.pushledger.domain.port.out.StoreUnavailableException;
import io.pushledger.domain.service.RecordCallbackService.Attempt;
import io.pushledger.domain.service.RecordCallbackService.Waiting;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How a group is written: together when it can, each alone when one of it fails, never past its answer. */
class RecordCallbacksTogetherTest {

    private static final Instant NOW = Instant.parse("2023-12-28T02:46:50Z");
    private static final Duration LONGEST_COMMIT = Duration.ofSeconds(2);
    private static final Instant IN_TIME = NOW.plusSeconds(15);

    /** Fails a write before anything of it is stored when one of the bodies says so (or, returning null, only delays it). */
    private final Map<String, Function<String, RuntimeException>> failures = new HashMap<>();
    private final InMemoryCallbackLedger stored = new InMemoryCallbackLedger();
    private final CallbackLedger events = new CallbackLedger() {
        @Override
        public List<Delivery> recordAll(List<Received> received) {
            for (Received r : received) {
                failures.entrySet().stream().filter(f -> r.body().contains(f.getKey())).findFirst()
                        .map(f -> f.getValue().apply(f.getKey()))
                        .ifPresent(failure -> {
                            throw failure;
                        });
            }
            return stored.recordAll(received);
        }

        @Override
        public int deletePushEventsOf(Collection<Sequence> sequences) {
            return stored.deletePushEventsOf(sequences);
        }

        @Override
        public int deleteOthersReceivedBefore(Instant cutoff, int limit) {
            return stored.deleteOthersReceivedBefore(cutoff, limit);
        }
    };
    private final InMemorySessionLedger sessions = new InMemorySessionLedger();
    private final InMemoryTransactions transactions = new InMemoryTransactions();
    /** Stands still unless a test moves it, as a slow store would while a transaction runs. */
    private Instant now = NOW;
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    };
    private final RecordCallbackService service = new RecordCallbackService(events, sessions, transactions, clock,
            LONGEST_COMMIT);

    @Test
    void aGroupThatSucceedsIsWrittenInOneTransaction() {
        List<Attempt> attempts = service.recordTogether(starts(5));

        assertThat(attempts).allMatch(a -> a instanceof Attempt.Answered(RecordOutcome.Recorded r));
        assertThat(transactions.count()).isEqualTo(1);
    }

    @Test
    void aCallbackWhoseContentIsRefusedIsRefusedAloneAndTheRestOfItsGroupIsStored() {
        List<Waiting> group = starts(6);
        failures.put("\"sequence\":\"2\"", problem -> new ContentRefusedException("refused " + problem, null));

        List<Attempt> attempts = service.recordTogether(group);

        assertThat(attempts.get(2)).isEqualTo(new Attempt.Answered(
                new RecordOutcome.Refused(group.get(2).command().event(), "refused \"sequence\":\"2\"")));
        assertThat(List.of(0, 1, 3, 4, 5)).allSatisfy(i -> assertThat(attempts.get(i))
                .isInstanceOfSatisfying(Attempt.Answered.class,
                        answered -> assertThat(answered.outcome()).isInstanceOf(RecordOutcome.Recorded.class)));
        assertThat(sessions.all()).hasSize(5);
        assertThat(transactions.count()).as("the group, then each alone").isEqualTo(1 + 6);
    }

    @Test
    void afterOneCallbackFailsAloneTheOthersAreStillTried() {
        List<Waiting> group = starts(4);
        failures.put("\"sequence\":\"0\"", problem -> new ContentRefusedException(problem, null));
        failures.put("\"sequence\":\"1\"", problem -> new IllegalStateException("a bug that only this one meets"));

        List<Attempt> attempts = service.recordTogether(group);

        assertThat(attempts.get(0)).isInstanceOfSatisfying(Attempt.Answered.class,
                answered -> assertThat(answered.outcome()).isInstanceOf(RecordOutcome.Refused.class));
        assertThat(attempts.get(1)).isEqualTo(new Attempt.NotStored("a bug that only this one meets"));
        assertThat(attempts.subList(2, 4)).allMatch(a -> a instanceof Attempt.Answered(RecordOutcome.Recorded r));
        assertThat(sessions.all()).hasSize(2);
    }

    @Test
    void whenTheStoreIsUnavailableTheGroupIsNotTriedAgainCallbackByCallback() {
        failures.put("\"sequence\":\"0\"", problem -> new StoreUnavailableException("socket timeout", null));

        List<Attempt> attempts = service.recordTogether(starts(3));

        assertThat(attempts).containsOnly(new Attempt.NotStored("socket timeout"));
        assertThat(transactions.count()).isEqualTo(1);
    }

    @Test
    void aCallbackWithoutTimeLeftToBeStoredBeforeItsAnswerIsDueIsNotWritten() {
        List<Waiting> group = List.of(
                new Waiting(aCallbackOf(aPushStart().withSequence("100").build()), NOW.plus(LONGEST_COMMIT).minusMillis(1)),
                new Waiting(aCallbackOf(aPushStart().withSequence("101").build()), NOW.plus(LONGEST_COMMIT)));

        List<Attempt> attempts = service.recordTogether(group);

        assertThat(attempts.get(0)).isInstanceOf(Attempt.NotStored.class);
        assertThat(attempts.get(1)).isInstanceOf(Attempt.Answered.class);
        assertThat(sessions.all()).singleElement()
                .satisfies(session -> assertThat(session.sequence().value()).isEqualTo("101"));
    }

    @Test
    void aGroupWrittenTooSlowlyToCommitBeforeAnAnswerIsDueIsNotCommitted() {
        List<Waiting> group = starts(3);
        failures.put("\"sequence\":\"1\"", problem -> {
            // The store takes so long that the commit could end only after the callbacks are answered.
            now = IN_TIME.minus(LONGEST_COMMIT).plusMillis(1);
            return null;
        });

        List<Attempt> attempts = service.recordTogether(group);

        assertThat(attempts).allMatch(Attempt.NotStored.class::isInstance);
        assertThat(transactions.count()).as("not tried again alone: nothing about one callback").isEqualTo(1);
    }

    private static List<Waiting> starts(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> new Waiting(aCallbackOf(aPushStart().withSequence(Integer.toString(i)).build()), IN_TIME))
                .toList();
    }
}
