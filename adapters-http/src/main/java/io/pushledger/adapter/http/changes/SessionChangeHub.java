package io.pushledger.adapter.http.changes;

import io.pushledger.domain.model.SessionChange;
import io.pushledger.domain.port.in.FollowSessionChangesUseCase;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Hands the committed session changes to everyone following them on this replica (ADR 14, ADR 18). One thread
 * reads each change once, every {@link #POLL} while somebody follows, and offers it to every follower;
 * each follower has a buffer of {@link #BUFFER} changes, and one whose buffer overflows (it reads slower than
 * changes come) is cut off: its stream fails and the connection closes, and it may resume with its
 * Last-Event-ID. Nothing here runs on the callback path, which only writes the change: a replica learns of
 * the changes every replica committed by reading them, not by a NOTIFY, which would make the writers' commits take turns.
 */
@Singleton
public class SessionChangeHub {

    private static final Logger LOG = Logger.getLogger(SessionChangeHub.class);
    /** Changes a follower may have unsent before it is cut off; also the most a resumed follower is sent again. */
    static final int BUFFER = 1024;
    private static final int PAGE = 500;
    /** How often the changes are read while somebody follows: how late, at most, a settled change reaches them. */
    static final Duration POLL = Duration.ofMillis(100);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final FollowSessionChangesUseCase changes;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("session-change-hub").daemon().factory());
    // Touched only by the worker thread.
    private final List<Follower> followers = new ArrayList<>();
    private long delivered = -1;

    public SessionChangeHub(FollowSessionChangesUseCase changes) {
        this.changes = changes;
        worker.scheduleWithFixedDelay(this::pullForFollowers, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
        worker.scheduleWithFixedDelay(this::keepAlive, KEEP_ALIVE.toMillis(), KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The changes committed from now on or, with {@code lastSeen}, those committed after that position; if
     * some of those are no longer kept or are more than {@link #BUFFER}, a {@link ChangeStreamItem.Reset} first.
     */
    public Multi<ChangeStreamItem> follow(OptionalLong lastSeen) {
        return Multi.createFrom().<ChangeStreamItem>emitter(
                        emitter -> onWorker(() -> join(new Follower(emitter), lastSeen)), BackPressureStrategy.ERROR)
                .onOverflow().buffer(BUFFER);
    }

    /** How many follow now; for the tests. */
    int followers() {
        try {
            return worker.submit(followers::size).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * When shutdown begins, before the HTTP server waits for the requests in flight: a follower's stream would
     * otherwise hold the shutdown for its whole timeout. The follower reconnects to another replica and resumes.
     * (Fired because application.properties sets quarkus.shutdown.delay-enabled.)
     */
    void endFollowers(@Observes ShutdownDelayInitiatedEvent shutdown) {
        onWorker(() -> List.copyOf(followers).forEach(follower -> follower.emitter.complete()));
    }

    @PreDestroy
    void stop() {
        onWorker(() -> List.copyOf(followers).forEach(follower -> follower.emitter.complete()));
        worker.shutdown();
    }

    private void onWorker(Runnable task) {
        try {
            worker.execute(task);
        } catch (RejectedExecutionException stopped) {
            LOG.debug("The change stream has stopped");
        }
    }

    private void join(Follower follower, OptionalLong lastSeen) {
        follower.emitter.onTermination(() -> onWorker(() -> followers.remove(follower)));
        if (!pull()) {
            follower.emitter.fail(new IllegalStateException("the session changes cannot be read now"));
            return;
        }
        follower.position = lastSeen.orElse(delivered);
        if (follower.position < delivered) {
            List<SessionChange> missed = follower.position < changes.forgottenUpTo() ? null : missedBy(follower.position);
            if (missed == null) {
                follower.emitter.emit(new ChangeStreamItem.Reset(delivered));
            } else {
                missed.forEach(follower::offer);
            }
            follower.position = delivered;
        }
        followers.add(follower);
    }

    /** The changes after {@code position} up to those delivered already; null if they are more than {@link #BUFFER}. */
    private List<SessionChange> missedBy(long position) {
        List<SessionChange> missed = new ArrayList<>();
        List<SessionChange> page;
        long read = position;
        do {
            page = changes.after(read, PAGE);
            for (SessionChange change : page) {
                if (change.position() > delivered) {
                    return missed;
                }
                if (missed.size() == BUFFER) {
                    return null;
                }
                missed.add(change);
                read = change.position();
            }
        } while (page.size() == PAGE);
        return missed;
    }

    /**
     * With nobody following, reads nothing: the next follower starts from the position latest then (or its own
     * Last-Event-ID), so the callback path's commits cost this replica no read of the changes (ADR 17).
     */
    private void pullForFollowers() {
        if (followers.isEmpty()) {
            delivered = -1;
        } else {
            pull();
        }
    }

    /** Reads what was committed since the last read and offers it to every follower; false if it could not read. */
    private boolean pull() {
        try {
            if (delivered < 0) {
                delivered = changes.latest();
            }
            List<SessionChange> page;
            do {
                page = changes.after(delivered, PAGE);
                for (SessionChange change : page) {
                    followers.forEach(follower -> follower.offer(change));
                    delivered = change.position();
                }
            } while (page.size() == PAGE);
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("Reading the session changes failed (%s); trying again in %s", e.getMessage(), POLL);
            return false;
        }
    }

    private void keepAlive() {
        pullForFollowers();
        followers.forEach(follower -> follower.emitter.emit(new ChangeStreamItem.KeepAlive()));
    }

    private static final class Follower {

        private final MultiEmitter<? super ChangeStreamItem> emitter;
        private long position;

        Follower(MultiEmitter<? super ChangeStreamItem> emitter) {
            this.emitter = emitter;
        }

        void offer(SessionChange change) {
            if (change.position() > position && !emitter.isCancelled()) {
                emitter.emit(new ChangeStreamItem.Change(change));
                position = change.position();
            }
        }
    }
}
