package io.pushledger.domain.fakes;

import io.pushledger.domain.model.PushSession;
import io.pushledger.domain.model.Sequence;
import io.pushledger.domain.model.SessionStatus;
import io.pushledger.domain.model.StreamPath;
import io.pushledger.domain.port.out.SessionLedger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link SessionLedger} in a map. {@link #lockPaths} only records the call: a test runs on one thread. */
public final class InMemorySessionLedger implements SessionLedger {

    private final Map<Sequence, PushSession> sessions = new LinkedHashMap<>();
    private final List<StreamPath> lockedPaths = new ArrayList<>();

    @Override
    public synchronized void lockPaths(Collection<StreamPath> paths) {
        lockedPaths.addAll(paths);
    }

    @Override
    public synchronized Optional<PushSession> find(Sequence sequence) {
        return Optional.ofNullable(sessions.get(sequence));
    }

    @Override
    public synchronized Surroundings surroundings(Collection<Sequence> sequences, Map<StreamPath, Instant> paths) {
        Map<Sequence, PushSession> stored = new HashMap<>();
        sequences.stream().filter(sessions::containsKey).forEach(sequence -> stored.put(sequence, sessions.get(sequence)));
        Map<StreamPath, OtherPushes> others = new HashMap<>();
        paths.forEach((path, since) -> {
            List<PushSession> onPath = sessions.values().stream()
                    .filter(s -> s.path().equals(path) && !sequences.contains(s.sequence()))
                    .toList();
            others.put(path, new OtherPushes(
                    onPath.stream().filter(s -> s.status() == SessionStatus.LIVE).toList(),
                    onPath.stream().map(PushSession::startedAt)
                            .filter(started -> since != null && started.isAfter(since))
                            .max(Comparator.naturalOrder()).orElse(null)));
        });
        return new Surroundings(stored, others);
    }

    @Override
    public synchronized void saveAll(List<PushSession> changed) {
        changed.forEach(session -> sessions.put(session.sequence(), session));
    }

    @Override
    public synchronized long countOpen() {
        return sessions.values().stream().filter(PushSession::isOpen).count();
    }

    @Override
    public synchronized int deleteStartedBefore(Instant cutoff, int limit) {
        List<Sequence> expired = sessions.values().stream()
                .filter(s -> s.startedAt().isBefore(cutoff))
                .sorted(Comparator.comparing(PushSession::startedAt))
                .limit(limit)
                .map(PushSession::sequence)
                .toList();
        expired.forEach(sessions::remove);
        return expired.size();
    }

    /** Every session, in the order first saved. */
    public synchronized List<PushSession> all() {
        return List.copyOf(sessions.values());
    }

    /** The session of this sequence; fails the test if there is none. */
    public PushSession get(String sequence) {
        return find(new Sequence(sequence))
                .orElseThrow(() -> new AssertionError("no push session with sequence " + sequence));
    }

    /** The paths locked so far, in the order asked for. */
    public synchronized List<StreamPath> lockedPaths() {
        return List.copyOf(lockedPaths);
    }
}
