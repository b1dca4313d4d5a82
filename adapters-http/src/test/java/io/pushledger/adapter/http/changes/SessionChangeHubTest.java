package io.pushledger.adapter.http.changes;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pushledger.domain.fixtures.Sessions;
import io.pushledger.domain.model.SessionChange;
import io.pushledger.domain.model.SessionStatus;
import io.pushledger.domain.port.in.FollowSessionChangesUseCase;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.smallrye.mutiny.subscription.BackPressureFailure;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionChangeHubTest {

    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final Duration STALL = Duration.ofMillis(300);
    /** Positions are far apart, as the database's are (one range per transaction, ADR 18). */
    private static final long STEP = 65_536;

    private final StoredChanges store = new StoredChanges();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SessionChangeHub hub = new SessionChangeHub(store, registry, STALL);

    @AfterEach
    void stop() {
        hub.stop();
    }

    @Test
    void aFollowerGetsTheChangesCommittedAfterItJoinedInOrderWithoutBeingToldOfThem() {
        store.commit(3);
        AssertSubscriber<ChangeStreamItem> follower = follow(OptionalLong.empty(), Long.MAX_VALUE);
        store.commit(2);
        follower.awaitItems(2, BOUND);
        assertThat(positions(follower)).containsExactly(4 * STEP, 5 * STEP);
    }

    @Test
    void aResumedFollowerGetsWhatCameAfterItsLastEventThenTheNewOnes() {
        AssertSubscriber<ChangeStreamItem> first = follow(OptionalLong.empty(), Long.MAX_VALUE);
        store.commit(4);
        first.awaitItems(4, BOUND).cancel();
        store.commit(1);

        AssertSubscriber<ChangeStreamItem> resumed = follow(OptionalLong.of(2 * STEP), Long.MAX_VALUE);
        resumed.awaitItems(3, BOUND);
        store.commit(1);
        resumed.awaitItems(4, BOUND);
        assertThat(positions(resumed)).containsExactly(3 * STEP, 4 * STEP, 5 * STEP, 6 * STEP);
    }

    @Test
    void changesCommittedWhileNobodyFollowsAreNotReadYetAResumedFollowerStillGetsThem() throws InterruptedException {
        store.commit(3);
        Thread.sleep(SessionChangeHub.POLL.multipliedBy(3).toMillis());
        hub.followers(); // the reads due by now have been made
        assertThat(store.reads).hasValue(0);

        AssertSubscriber<ChangeStreamItem> resumed = follow(OptionalLong.of(STEP), Long.MAX_VALUE);
        resumed.awaitItems(2, BOUND);
        assertThat(positions(resumed)).containsExactly(2 * STEP, 3 * STEP);
    }

    @Test
    void aFollowerResumingFromChangesNoLongerKeptIsToldToReload() {
        store.commit(10);
        store.forgetUpTo(5 * STEP);
        AssertSubscriber<ChangeStreamItem> resumed = follow(OptionalLong.of(2 * STEP), Long.MAX_VALUE);
        resumed.awaitItems(1, BOUND);
        assertThat(resumed.getItems().getFirst()).isEqualTo(new ChangeStreamItem.Reset(10 * STEP));
    }

    @Test
    void aFollowerResumingRightAfterTheLastForgottenChangeMissedNothing() {
        store.commit(10);
        store.forgetUpTo(5 * STEP);
        AssertSubscriber<ChangeStreamItem> resumed = follow(OptionalLong.of(5 * STEP), Long.MAX_VALUE);
        resumed.awaitItems(5, BOUND);
        assertThat(positions(resumed)).containsExactly(6 * STEP, 7 * STEP, 8 * STEP, 9 * STEP, 10 * STEP);
    }

    @Test
    void aFollowerThatTakesNothingForTheStallTimeoutIsCutOffAndItsChangesDroppedWhileTheOthersGoOn() {
        AssertSubscriber<ChangeStreamItem> stuck = follow(OptionalLong.empty(), 0);
        AssertSubscriber<ChangeStreamItem> reading = follow(OptionalLong.empty(), Long.MAX_VALUE);
        store.commit(10);

        stuck.awaitFailure(failure -> assertThat(failure).isInstanceOf(SessionChangeHub.StalledFollower.class), BOUND);
        reading.awaitItems(10, BOUND);
        assertThat(stuck.getItems()).isEmpty();
        assertThat(hub.followers()).isEqualTo(1);
        assertThat(registry.get("pushledger.change.followers").gauge().value()).isEqualTo(1);
        assertThat(registry.get("pushledger.change.followers.cut.off").counter().count()).isEqualTo(1);
    }

    @Test
    void aFollowerThatAsksForOneChangeAtATimeIsNotCutOffByABurstLargerThanItsQueueAndGetsEveryChangeInOrder() {
        AssertSubscriber<ChangeStreamItem> slow = follow(OptionalLong.empty(), 1);
        int changes = 3 * SessionChangeHub.BUFFER + 7;
        store.commit(changes);
        for (int received = 1; received < changes; received++) {
            slow.awaitItems(received, BOUND);
            slow.request(1);
        }
        slow.awaitItems(changes, BOUND);
        assertThat(positions(slow)).containsExactlyElementsOf(
                LongStream.rangeClosed(1, changes).map(n -> n * STEP).boxed().toList());
        assertThat(slow.getFailure()).isNull();
        assertThat(registry.get("pushledger.change.followers.cut.off").counter().count()).isZero();
    }

    @Test
    void aFollowerResumingFarBehindIsReplayedFromTheStoreRatherThanToldToReload() {
        int changes = 2 * SessionChangeHub.BUFFER;
        store.commit(changes);
        AssertSubscriber<ChangeStreamItem> resumed = follow(OptionalLong.of(STEP), Long.MAX_VALUE);
        resumed.awaitItems(changes - 1, BOUND);
        assertThat(positions(resumed)).containsExactlyElementsOf(
                LongStream.rangeClosed(2, changes).map(n -> n * STEP).boxed().toList());
    }

    private AssertSubscriber<ChangeStreamItem> follow(OptionalLong lastSeen, long requested) {
        AssertSubscriber<ChangeStreamItem> subscriber = hub.follow(lastSeen).subscribe()
                .withSubscriber(AssertSubscriber.create(requested));
        hub.followers(); // queued behind the join on the hub's one thread: the follower has joined
        return subscriber;
    }

    private static List<Long> positions(AssertSubscriber<ChangeStreamItem> subscriber) {
        return subscriber.getItems().stream()
                .map(item -> ((ChangeStreamItem.Change) item).change().position())
                .toList();
    }

    /** Changes as the database keeps them: in order, STEP apart, the oldest forgotten after a while. */
    private static final class StoredChanges implements FollowSessionChangesUseCase {

        private final List<SessionChange> kept = new CopyOnWriteArrayList<>();
        private volatile long latest;
        private volatile long forgotten;
        final AtomicInteger reads = new AtomicInteger();

        void commit(int count) {
            LongStream.rangeClosed(1, count).forEach(n -> kept.add(new SessionChange(latest + n * STEP,
                    SessionStatus.LIVE, Sessions.aStartedSession())));
            latest += count * STEP;
        }

        void forgetUpTo(long position) {
            kept.removeIf(change -> change.position() <= position);
            forgotten = position;
        }

        @Override
        public List<SessionChange> after(long position, int max) {
            reads.incrementAndGet();
            return kept.stream().filter(change -> change.position() > position).limit(max).toList();
        }

        @Override
        public long latest() {
            return latest;
        }

        @Override
        public long forgottenUpTo() {
            return forgotten;
        }
    }
}
