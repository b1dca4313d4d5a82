package io.pushledger.domain.model;

import static io.pushledger.domain.fixtures.PushEvents.aPushInterruption;
import static io.pushledger.domain.fixtures.PushEvents.aPushStart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The session is the same whatever order its callbacks, and their repeated deliveries, arrive in. */
class PushSessionOrderIndependenceTest {

    /** A push's callbacks as delivered; the repeats are separate but equal objects, as a retry would be. */
    private record Push(String name, PushStarted start, PushInterrupted interruption,
                        PushStarted repeatedStart, PushInterrupted repeatedInterruption) {

        List<Delivery> deliveries() {
            return List.of(new Delivery("start", start), new Delivery("interruption", interruption),
                    new Delivery("repeated start", repeatedStart),
                    new Delivery("repeated interruption", repeatedInterruption));
        }

        PushSession startThenInterruption() {
            return PushSession.from(start).apply(interruption);
        }
    }

    private record Delivery(String name, PushEvent event) {

        @Override
        public String toString() {
            return name;
        }
    }

    /** Builds each callback twice, so the repeats are equal but not the same instance. */
    private static Push push(String name, Supplier<PushStarted> start, Supplier<PushInterrupted> interruption) {
        return new Push(name, start.get(), interruption.get(), start.get(), interruption.get());
    }

    private static List<Push> pushes() {
        return List.of(
                push("the vendor's samples",
                        () -> aPushStart().build(),
                        () -> aPushInterruption().build()),
                push("an interruption without push_duration",
                        () -> aPushStart().build(),
                        () -> aPushInterruption().withoutPushDuration().build()),
                push("a start without video size",
                        () -> aPushStart().withSize(0, 0).build(),
                        () -> aPushInterruption().withSize(1280, 720).build()),
                push("callbacks reporting different details",
                        () -> aPushStart().withoutOptionalDetails().onNode("10.0.0.1").withSize(640, 0).build(),
                        () -> aPushInterruption().onNode("10.0.0.2").withSize(1280, 720)
                                .withErrcode(12).withErrmsg("network").withPushDurationMs(5_000).build()),
                push("an interruption stamped before its start",
                        () -> aPushStart().atEpochSecond(1703731700L).build(),
                        () -> aPushInterruption().withoutPushDuration().build()));
    }

    /** Every ordering of every subset of the deliveries with at least one start and one interruption. */
    static List<List<Delivery>> orderings(List<Delivery> deliveries) {
        List<List<Delivery>> result = new ArrayList<>();
        for (int mask = 1; mask < (1 << deliveries.size()); mask++) {
            List<Delivery> subset = new ArrayList<>();
            for (int i = 0; i < deliveries.size(); i++) {
                if ((mask & (1 << i)) != 0) {
                    subset.add(deliveries.get(i));
                }
            }
            boolean hasStart = subset.stream().anyMatch(d -> d.event() instanceof PushStarted);
            boolean hasInterruption = subset.stream().anyMatch(d -> d.event() instanceof PushInterrupted);
            if (hasStart && hasInterruption) {
                result.addAll(permutations(subset));
            }
        }
        return result;
    }

    static <T> List<List<T>> permutations(List<T> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<T>> result = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T head = rest.remove(i);
            for (List<T> tail : permutations(rest)) {
                List<T> permutation = new ArrayList<>();
                permutation.add(head);
                permutation.addAll(tail);
                result.add(permutation);
            }
        }
        return result;
    }

    private static PushSession fold(List<Delivery> ordering) {
        PushSession session = PushSession.from(ordering.getFirst().event());
        for (Delivery delivery : ordering.subList(1, ordering.size())) {
            session = session.apply(delivery.event());
        }
        return session;
    }

    @TestFactory
    Stream<DynamicContainer> everyOrderingGivesTheSessionOfStartThenInterruption() {
        return pushes().stream().map(push -> dynamicContainer(push.name(),
                orderings(push.deliveries()).stream().map(ordering -> dynamicTest(
                        ordering.stream().map(Delivery::name).collect(Collectors.joining(", ")),
                        () -> assertThat(fold(ordering)).isEqualTo(push.startThenInterruption())))));
    }

    @Test
    void theOrderingsAreAllPermutationsOfTheSubsetsWithBothKinds() {
        List<Delivery> deliveries = pushes().getFirst().deliveries();

        List<List<Delivery>> orderings = orderings(deliveries);

        // 4 pairs × 2 orders + 4 triples × 6 orders + 24 orders of all four
        assertThat(orderings).hasSize(8 + 24 + 24).doesNotHaveDuplicates();
        assertThat(orderings.stream().filter(o -> o.size() == 4)).hasSize(24);
        assertThat(orderings).allSatisfy(o -> assertThat(o).doesNotHaveDuplicates());
    }

    @Test
    void theComparisonTellsAnUnfinishedFoldFromAFinishedOne() {
        // Guards the factory above against comparing something that cannot differ.
        for (Push push : pushes()) {
            PushSession expected = push.startThenInterruption();

            assertThat(PushSession.from(push.interruption())).isNotEqualTo(expected);
            assertThat(PushSession.from(push.start())).isNotEqualTo(expected);
        }
    }

    @Test
    void theRepeatsAreEqualButSeparateCallbacks() {
        for (Push push : pushes()) {
            assertThat(push.repeatedStart()).isEqualTo(push.start()).isNotSameAs(push.start());
            assertThat(push.repeatedInterruption()).isEqualTo(push.interruption()).isNotSameAs(push.interruption());
        }
    }
}
