package io.pushledger.domain.service;

import io.pushledger.domain.model.PushEvent;
import io.pushledger.domain.model.PushSession;
import io.pushledger.domain.model.PushStarted;
import io.pushledger.domain.model.Sequence;
import io.pushledger.domain.model.SessionStatus;
import io.pushledger.domain.model.StreamPath;
import io.pushledger.domain.port.out.SessionLedger.Surroundings;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sessions a group of push callbacks can touch, held while the callbacks are applied one after the
 * other: each callback sees what the ones before it left, as if each had been stored before the next was
 * read. Read once before, written once after, whatever the size of the group.
 */
final class Succession {

    /** Stored sessions of the group's sequences, LIVE sessions on its paths, and every change since. */
    private final Map<Sequence, PushSession> known = new HashMap<>();
    /** The latest start on each path among the pushes outside the group's sequences, if after the group's first start there. */
    private final Map<StreamPath, Instant> latestStartOutside = new HashMap<>();
    private final Map<Sequence, PushSession> changed = new LinkedHashMap<>();

    Succession(Surroundings surroundings) {
        known.putAll(surroundings.sessions());
        surroundings.others().forEach((path, others) -> {
            others.live().forEach(live -> known.put(live.sequence(), live));
            if (others.latestStart() != null) {
                latestStartOutside.put(path, others.latestStart());
            }
        });
    }

    /**
     * The paths of the group's callbacks, each with the earliest start the group reports on it: only a
     * start leaves a session open, so only a start's time is ever compared with the later starts on its
     * path, and starts before the earliest of them need not be read. A path with interruptions only maps
     * to {@code null}.
     */
    static Map<StreamPath, Instant> pathsToRead(List<PushEvent> pushes) {
        Map<StreamPath, Instant> paths = new LinkedHashMap<>();
        for (PushEvent push : pushes) {
            Instant start = push instanceof PushStarted ? push.details().eventTime() : null;
            Instant earliest = paths.get(push.path());
            paths.put(push.path(), earliest == null || start != null && start.isBefore(earliest) ? start : earliest);
        }
        return paths;
    }

    /**
     * Applies the first delivery of a push callback and returns the push's session as it now stands.
     * The pushes on the callback's path are the ones that matter: a start gives the session its path,
     * and an interruption leaves it ended, so it can only supersede pushes on its own path.
     */
    PushSession apply(PushEvent push) {
        PushSession session = Optional.ofNullable(known.get(push.sequence()))
                .map(stored -> stored.apply(push))
                .orElseGet(() -> PushSession.from(push));
        List<PushSession> olderLive = known.values().stream()
                .filter(other -> isOtherOnPath(other, push))
                .filter(other -> other.status() == SessionStatus.LIVE)
                .filter(other -> other.isSupersededBy(session))
                .toList();
        olderLive.forEach(older -> keep(older.supersede()));
        keep(session.isOpen() && anotherStartedAfter(push, session.startedAt()) ? session.supersede() : session);
        return known.get(push.sequence());
    }

    /** The sessions the group changed, each as it finally stands, in the order first changed. */
    List<PushSession> changed() {
        return List.copyOf(changed.values());
    }

    private boolean anotherStartedAfter(PushEvent push, Instant instant) {
        Instant outside = latestStartOutside.get(push.path());
        return outside != null && outside.isAfter(instant)
                || known.values().stream().anyMatch(other -> isOtherOnPath(other, push) && other.startedAt().isAfter(instant));
    }

    private static boolean isOtherOnPath(PushSession session, PushEvent push) {
        return session.path().equals(push.path()) && !session.sequence().equals(push.sequence());
    }

    private void keep(PushSession session) {
        known.put(session.sequence(), session);
        changed.put(session.sequence(), session);
    }
}
