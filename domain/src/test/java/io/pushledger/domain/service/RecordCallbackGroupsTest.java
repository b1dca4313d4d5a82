package io.pushledger.domain.service;

import static io.pushledger.domain.fixtures.PushEvents.aPushInterruption;
import static io.pushledger.domain.fixtures.PushEvents.aPushStart;
import static org.assertj.core.api.Assertions.assertThat;

import io.pushledger.domain.fakes.InMemoryCallbackLedger;
import io.pushledger.domain.fakes.InMemorySessionLedger;
import io.pushledger.domain.fakes.InMemoryTransactions;
import io.pushledger.domain.fixtures.Callbacks;
import io.pushledger.domain.fixtures.OtherEvents;
import io.pushledger.domain.model.CallbackEvent;
import io.pushledger.domain.model.StreamId;
import io.pushledger.domain.model.StreamPath;
import io.pushledger.domain.port.in.RecordCallbackCommand;
import io.pushledger.domain.port.in.RecordOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Recording callbacks as groups (the group commit) gives exactly what recording them one by one gives:
 * the same outcomes and the same sessions. Random deliveries of a few pushes on two paths — starts and
 * interruptions in any order, repeats, other kinds of events — cut into random groups.
 */
class RecordCallbackGroupsTest {

    private static final Duration LONGEST_COMMIT = Duration.ofSeconds(2);
    private static final Instant T0 = Instant.parse("2023-12-28T02:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC);
    private static final List<StreamPath> PATHS = List.of(
            new StreamPath("a.example.com", "live", new StreamId("s")),
            new StreamPath(null, "live", new StreamId("s")));

    static Stream<Long> seeds() {
        return IntStream.range(0, 300).mapToObj(i -> 20261126L + i);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void groupsGiveTheOutcomesAndSessionsOfOneByOne(long seed) {
        Random random = new Random(seed);
        List<CallbackEvent> deliveries = deliveries(random);
        InMemorySessionLedger oneByOneSessions = new InMemorySessionLedger();
        RecordCallbackService oneByOne = new RecordCallbackService(new InMemoryCallbackLedger(), oneByOneSessions,
                new InMemoryTransactions(), CLOCK, LONGEST_COMMIT);
        InMemorySessionLedger groupedSessions = new InMemorySessionLedger();
        RecordCallbackService grouped = new RecordCallbackService(new InMemoryCallbackLedger(), groupedSessions,
                new InMemoryTransactions(), CLOCK, LONGEST_COMMIT);

        List<RecordOutcome> expected = deliveries.stream().map(e -> oneByOne.record(Callbacks.aCallbackOf(e))).toList();
        List<RecordOutcome> outcomes = new ArrayList<>();
        for (int from = 0; from < deliveries.size(); ) {
            int to = Math.min(deliveries.size(), from + 1 + random.nextInt(6));
            List<RecordCallbackCommand> group = deliveries.subList(from, to).stream().map(Callbacks::aCallbackOf).toList();
            outcomes.addAll(grouped.recordAll(group));
            from = to;
        }

        assertThat(outcomes).as("deliveries %s", deliveries).isEqualTo(expected);
        assertThat(groupedSessions.all()).containsExactlyInAnyOrderElementsOf(oneByOneSessions.all());
    }

    /** Up to five pushes, each delivering its start and/or interruption, some twice, shuffled; other events mixed in. */
    private static List<CallbackEvent> deliveries(Random random) {
        List<CallbackEvent> deliveries = new ArrayList<>();
        int pushes = 1 + random.nextInt(5);
        for (int p = 0; p < pushes; p++) {
            String sequence = "seq-" + p;
            StreamPath path = PATHS.get(random.nextInt(PATHS.size()));
            Instant start = T0.plusSeconds(60L * random.nextInt(4));
            int copies = 1 + random.nextInt(2);
            for (int c = 0; c < copies; c++) {
                if (c == 0 || random.nextBoolean()) {
                    deliveries.add(aPushStart().withSequence(sequence).onStream(path).at(start).build());
                }
                if (random.nextInt(3) > 0) {
                    deliveries.add(aPushInterruption().withSequence(sequence).onStream(path)
                            .at(start.plusSeconds(30 + random.nextInt(300))).build());
                }
            }
        }
        if (random.nextBoolean()) {
            deliveries.add(OtherEvents.aRecordingCallback().build());
            deliveries.add(OtherEvents.aRecordingCallback().build());
        }
        Collections.shuffle(deliveries, random);
        return deliveries;
    }
}
