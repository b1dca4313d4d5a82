package io.pushledger.domain.port.out;

import static io.pushledger.domain.fixtures.PushEvents.aPushInterruption;
import static io.pushledger.domain.fixtures.PushEvents.aPushStart;
import static io.pushledger.domain.fixtures.Sessions.sessionOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.pushledger.domain.model.PushSession;
import io.pushledger.domain.model.Sequence;
import io.pushledger.domain.model.StreamId;
import io.pushledger.domain.model.StreamPath;
import io.pushledger.domain.port.out.SessionLedger.OtherPushes;
import io.pushledger.domain.port.out.SessionLedger.Surroundings;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SessionLedger} must do; extended by the tests of the fake and of the real adapter.
 * Each test uses its own stream path and sequences, so a shared database needs no cleaning between tests.
 */
public abstract class SessionLedgerContract {

    private static final Instant T0 = Instant.parse("2023-12-28T02:44:38Z");

    /** The implementation under test. */
    protected abstract SessionLedger sessionLedger();

    private final String streamId = "contract_" + UUID.randomUUID();
    private final StreamPath path = new StreamPath("test.domain.com", "live", new StreamId(streamId));

    private static String aFreshSequence() {
        return Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()));
    }

    private PushSession liveSessionStartedAt(Instant startedAt) {
        return sessionOf(aPushStart().withSequence(aFreshSequence()).onStream(path).at(startedAt).build());
    }

    @Test
    void aSavedSessionIsFoundByItsSequence() {
        SessionLedger sessions = sessionLedger();
        PushSession session = liveSessionStartedAt(T0);

        sessions.save(session);

        assertThat(sessions.find(session.sequence())).contains(session);
        assertThat(sessions.find(new Sequence(aFreshSequence()))).isEmpty();
    }

    @Test
    void savingASessionAgainReplacesIt() {
        SessionLedger sessions = sessionLedger();
        String sequence = aFreshSequence();
        PushSession live = sessionOf(aPushStart().withSequence(sequence).onStream(path).build());
        PushSession ended = live.apply(aPushInterruption().withSequence(sequence).onStream(path).build());

        sessions.save(live);
        sessions.save(ended);

        assertThat(sessions.find(live.sequence())).contains(ended);
    }

    @Test
    void surroundingsHoldTheStoredSessionsAndThePushesOnEachPathLeavingOutTheSequencesAskedFor() {
        SessionLedger sessions = sessionLedger();
        PushSession live = liveSessionStartedAt(T0);
        PushSession stale = liveSessionStartedAt(T0.plusSeconds(1)).supersede();
        String endedSequence = aFreshSequence();
        PushSession ended = sessionOf(
                aPushStart().withSequence(endedSequence).onStream(path).at(T0.plusSeconds(2)).build(),
                aPushInterruption().withSequence(endedSequence).onStream(path).at(T0.plusSeconds(3)).build());
        PushSession own = liveSessionStartedAt(T0.plusSeconds(4));
        StreamPath otherPath = new StreamPath("other.domain.com", "live", new StreamId(streamId));
        PushSession elsewhere = sessionOf(aPushStart().withSequence(aFreshSequence())
                .onStream(otherPath.domain(), otherPath.appName(), streamId).at(T0.plusSeconds(5)).build());
        sessions.saveAll(List.of(live, stale, ended, own, elsewhere));
        Sequence unknown = new Sequence(aFreshSequence());

        Surroundings surroundings = sessions.surroundings(List.of(own.sequence(), unknown),
                Map.of(path, T0.minusSeconds(1), otherPath, T0));

        assertThat(surroundings.sessions()).containsOnlyKeys(own.sequence()).containsEntry(own.sequence(), own);
        OtherPushes onPath = surroundings.others().get(path);
        assertThat(onPath.live()).containsExactly(live);
        assertThat(onPath.latestStart()).as("the sequences asked for and other paths do not count")
                .isEqualTo(T0.plusSeconds(2));
        assertThat(surroundings.others().get(otherPath)).isEqualTo(new OtherPushes(List.of(elsewhere), T0.plusSeconds(5)));
    }

    @Test
    void aPathWithoutOtherPushesHasNone() {
        SessionLedger sessions = sessionLedger();
        sessions.save(liveSessionStartedAt(T0));
        StreamPath withoutDomain = new StreamPath(null, null, new StreamId(streamId));

        Surroundings surroundings = sessions.surroundings(List.of(new Sequence(aFreshSequence())), Map.of(withoutDomain, T0));

        assertThat(surroundings.sessions()).isEmpty();
        assertThat(surroundings.others()).as("a path without domain is another path")
                .containsExactly(Map.entry(withoutDomain, new OtherPushes(List.of(), null)));
    }

    @Test
    void anEndedSessionStillCountsAsAStartedPush() {
        SessionLedger sessions = sessionLedger();
        String sequence = aFreshSequence();
        PushSession ended = sessionOf(
                aPushInterruption().withSequence(sequence).onStream(path).at(T0.plusSeconds(300)).build());
        sessions.save(ended);

        assertThat(sessions.surroundings(List.of(new Sequence(aFreshSequence())), Map.of(path, T0)).others().get(path))
                .isEqualTo(new OtherPushes(List.of(), ended.startedAt()));
    }

    @Test
    void theLatestStartIsGivenOnlyWhenAfterTheInstantAskedFor() {
        SessionLedger sessions = sessionLedger();
        PushSession live = liveSessionStartedAt(T0);
        sessions.save(live);
        List<Sequence> none = List.of(new Sequence(aFreshSequence()));
        Map<StreamPath, Instant> notWanted = new HashMap<>();
        notWanted.put(path, null);

        assertThat(sessions.surroundings(none, Map.of(path, T0.minusMillis(1))).others().get(path).latestStart())
                .isEqualTo(T0);
        assertThat(sessions.surroundings(none, Map.of(path, T0)).others().get(path))
                .as("a start at the instant is not after it").isEqualTo(new OtherPushes(List.of(live), null));
        assertThat(sessions.surroundings(none, notWanted).others().get(path))
                .isEqualTo(new OtherPushes(List.of(live), null));
    }

    @Test
    void lockingPathsCanBeRepeatedAndTakesAnyOrder() {
        SessionLedger sessions = sessionLedger();
        StreamPath other = new StreamPath(null, null, new StreamId(streamId));

        sessions.lockPaths(List.of(path, other));
        sessions.lockPaths(List.of(other, path, path));
        sessions.lockPaths(List.of());

        assertThat(sessions.find(new Sequence(aFreshSequence()))).isEmpty();
    }

    @Test
    void openSessionsAreCounted() {
        SessionLedger sessions = sessionLedger();
        long before = sessions.countOpen();
        String endedSequence = aFreshSequence();
        sessions.save(liveSessionStartedAt(T0));
        sessions.save(liveSessionStartedAt(T0.plusSeconds(1)).supersede());
        sessions.save(sessionOf(aPushInterruption().withSequence(endedSequence).onStream(path).build()));

        assertThat(sessions.countOpen()).isEqualTo(before + 2);
    }

    @Test
    void expiredSessionsAreDeletedOldestFirstInBatches() {
        SessionLedger sessions = sessionLedger();
        // Before any start a callback can give (event_time from 1970, push_duration up to a century), so
        // that the other tests' data in a shared database, fuzzed callbacks included, leaves the counts alone.
        Instant longAgo = Instant.parse("1800-01-01T00:00:00Z");
        PushSession oldest = liveSessionStartedAt(longAgo);
        PushSession older = liveSessionStartedAt(longAgo.plusSeconds(60));
        PushSession recent = liveSessionStartedAt(longAgo.plusSeconds(7200));
        sessions.save(recent);
        sessions.save(older);
        sessions.save(oldest);

        assertThat(sessions.deleteStartedBefore(longAgo.plusSeconds(3600), 1)).isEqualTo(1);
        assertThat(sessions.find(oldest.sequence())).isEmpty();
        assertThat(sessions.find(older.sequence())).isPresent();

        assertThat(sessions.deleteStartedBefore(longAgo.plusSeconds(3600), 10)).isEqualTo(1);
        assertThat(sessions.find(older.sequence())).isEmpty();
        assertThat(sessions.find(recent.sequence())).contains(recent);
    }
}
