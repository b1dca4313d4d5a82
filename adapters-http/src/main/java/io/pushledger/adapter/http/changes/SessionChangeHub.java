package io.pushledger.adapter.http.changes;

import io.pushledger.domain.model.SessionChange;
import io.pushledger.domain.port.in.FollowSessionChangesUseCase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Hands the committed session changes to everyone following them on this replica (ADR 14, ADR 18). One thread reads
 * each change once, every {@link #POLL} while somebody follows, and offers it to every follower.
 * <p>
 * A follower is sent only what it asks for: the HTTP layer asks for the next item once the last one is written to
 * the socket. What it has not asked for yet waits in its queue of at most {@link #BUFFER} changes; past that the
 * queue is dropped and the follower catches up from the database (pages of {@link #PAGE}, from its own
 * position, as a resumed follower does) once it asks again, so a burst or a slow reader costs a bounded queue,
 * never a cut-off while it reads. A follower that takes nothing waiting for it (a change or the keep-alive) for
 * {@code pushledger.changes.stall-timeout} — it stopped reading, its socket's buffers are full — is cut off: its
 * queue dropped, its stream failed with {@link StalledFollower}, its connection closed by the resource. It may
 * resume with its Last-Event-ID. Nothing here runs on the callback path, which only writes the change (no NOTIFY:
 * it would make the writers' commits take turns). {@code pushledger_change_followers} and
 * {@code pushledger_change_followers_cut_off_total} count them.
 */
@Singleton
public class SessionChangeHub {

    private static final Logger LOG = Logger.getLogger(SessionChangeHub.class);
    /** Changes a follower may have waiting in memory; beyond, it catches up from the database. */
    static final int BUFFER = 1024;
    private static final int PAGE = 500;
    /** How often the changes are read while somebody follows: how late, at most, a settled change reaches them. */
    static final Duration POLL = Duration.ofMillis(100);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final Duration STALL_CHECK = Duration.ofMillis(500);

    private final FollowSessionChangesUseCase changes;
    private final long stallNanos;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("session-change-hub").daemon().factory());
    // Touched only by the worker thread.
    private final List<Follower> followers = new ArrayList<>();
    private long delivered = -1;
    private final AtomicInteger following = new AtomicInteger();
    private final Counter cutOff;

    public SessionChangeHub(FollowSessionChangesUseCase changes, MeterRegistry registry,
            @ConfigProperty(name = "pushledger.changes.stall-timeout") Duration stallTimeout) {
        this.changes = changes;
        this.stallNanos = stallTimeout.toNanos();
        Gauge.builder("pushledger.change.followers", following, AtomicInteger::get)
                .description("Clients following GET /api/v1/changes on this replica")
                .register(registry);
        cutOff = Counter.builder("pushledger.change.followers.cut.off")
                .description("Followers of GET /api/v1/changes cut off for taking nothing for the stall timeout")
                .register(registry);
        worker.scheduleWithFixedDelay(this::pullForFollowers, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
        worker.scheduleWithFixedDelay(this::keepAlive, KEEP_ALIVE.toMillis(), KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
        long check = Math.min(STALL_CHECK.toNanos(), Math.max(stallNanos / 4, 1_000_000));
        worker.scheduleWithFixedDelay(this::cutOffStalled, check, check, TimeUnit.NANOSECONDS);
    }

    /**
     * The changes committed from now on or, with {@code lastSeen}, those committed after that position; if some of
     * those are no longer kept, a {@link ChangeStreamItem.Reset} first.
     */
    public Multi<ChangeStreamItem> follow(OptionalLong lastSeen) {
        return Multi.createFrom().emitter(emitter -> {
            Follower follower = new Follower(emitter);
            emitter.onRequest(more -> follower.send());
            onWorker(() -> join(follower, lastSeen));
        }, BackPressureStrategy.ERROR);
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
        follower.emitter.onTermination(() -> onWorker(() -> {
            follower.drop();
            if (followers.remove(follower)) {
                following.decrementAndGet();
            }
        }));
        if (!pull()) {
            follower.emitter.fail(new IllegalStateException("the session changes cannot be read now"));
            return;
        }
        // A follower gone meanwhile leaves by its termination's task, queued behind this one.
        followers.add(follower);
        following.incrementAndGet();
        follower.start(lastSeen.orElse(delivered));
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
                    delivered = change.position();
                    followers.forEach(follower -> follower.offer(change));
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
        followers.forEach(Follower::keepAlive);
    }

    private void cutOffStalled() {
        long now = System.nanoTime();
        for (Follower follower : List.copyOf(followers)) {
            if (follower.stalledFor(now) > stallNanos) {
                follower.drop();
                cutOff.increment();
                LOG.infof("A follower of the change stream took nothing for %d ms: cut off", stallNanos / 1_000_000);
                follower.emitter.fail(new StalledFollower());
            }
        }
    }

    /** Why a follower's stream ends when it took nothing for the stall timeout. */
    public static final class StalledFollower extends RuntimeException {

        StalledFollower() {
            super("the follower took nothing for the stall timeout", null, false, false);
        }
    }

    /**
     * One follower: what it was sent ends at {@link #sent}, what it was sent or has waiting at {@link #position};
     * while {@link #behind}, the changes after {@link #position} are read from the database rather than kept. Its
     * state is guarded by its monitor: the worker offers and reads, the HTTP layer's thread takes what it asks for.
     */
    private final class Follower {

        private final MultiEmitter<? super ChangeStreamItem> emitter;
        private final ArrayDeque<ChangeStreamItem> waiting = new ArrayDeque<>();
        private long sent;
        private long position;
        private boolean behind;
        private boolean reading;
        private boolean emitting;
        /** Since when something waits that it has not asked for; 0 while it takes what comes. */
        private long stalledSince;

        Follower(MultiEmitter<? super ChangeStreamItem> emitter) {
            this.emitter = emitter;
        }

        /** On the worker, once joined: from {@code from}, catching up first if that is behind the latest change read. */
        synchronized void start(long from) {
            sent = from;
            position = from;
            behind = position < delivered;
            send();
        }

        /** On the worker: a change just read. */
        synchronized void offer(SessionChange change) {
            if (behind || change.position() <= position) {
                return;
            }
            if (waiting.size() < BUFFER) {
                waiting.add(new ChangeStreamItem.Change(change));
                position = change.position();
                send();
            } else {
                // Too many waiting: forget them, and read them again from the database once it asks for them.
                waiting.clear();
                position = sent;
                behind = true;
            }
        }

        synchronized void keepAlive() {
            if (waiting.isEmpty() && !behind) {
                waiting.add(new ChangeStreamItem.KeepAlive());
            }
            send();
        }

        /**
         * Sends what waits, as much as it asked for; when it is behind and nothing waits, reads on. A request made
         * while an item is being emitted (a write that completed at once) is served by the loop already running,
         * which counts what was asked once the emission is over.
         */
        synchronized void send() {
            if (emitting) {
                return;
            }
            emitting = true;
            try {
                while (!waiting.isEmpty() && emitter.requested() > 0 && !emitter.isCancelled()) {
                    ChangeStreamItem item = waiting.poll();
                    switch (item) {
                        case ChangeStreamItem.Change(SessionChange change) -> sent = change.position();
                        case ChangeStreamItem.Reset(long at) -> sent = at;
                        case ChangeStreamItem.KeepAlive() -> { }
                    }
                    emitter.emit(item);
                    stalledSince = 0;
                }
            } finally {
                emitting = false;
            }
            boolean more = !waiting.isEmpty() || behind;
            if (more && emitter.requested() > 0 && behind && !reading) {
                reading = true;
                onWorker(this::readOn);
            } else if (more && emitter.requested() == 0 && stalledSince == 0) {
                stalledSince = System.nanoTime();
            }
        }

        /**
         * On the worker: the next page after its position, up to the latest change read for everyone; a reset
         * first if the changes after its position are no longer all kept.
         */
        private void readOn() {
            long from = positionNow();
            List<SessionChange> page;
            boolean kept;
            try {
                kept = from >= changes.forgottenUpTo();
                page = kept ? changes.after(from, PAGE) : List.of();
            } catch (RuntimeException e) {
                LOG.warnf("Reading the session changes failed (%s); a follower catching up is cut off", e.getMessage());
                emitter.fail(e);
                return;
            }
            synchronized (this) {
                reading = false;
                if (!behind || position != from) {
                    send();
                    return;
                }
                if (!kept) {
                    waiting.add(new ChangeStreamItem.Reset(delivered));
                    position = delivered;
                }
                for (SessionChange change : page) {
                    if (change.position() <= delivered) {
                        waiting.add(new ChangeStreamItem.Change(change));
                        position = change.position();
                    }
                }
                if (position >= delivered || page.size() < PAGE) {
                    behind = false;
                    position = Math.max(position, delivered);
                }
                send();
            }
        }

        private synchronized long positionNow() {
            return position;
        }

        synchronized long stalledFor(long now) {
            return stalledSince == 0 ? 0 : now - stalledSince;
        }

        synchronized void drop() {
            waiting.clear();
            behind = false;
        }
    }
}
