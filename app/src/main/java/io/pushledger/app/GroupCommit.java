package io.pushledger.app;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pushledger.domain.port.in.CallbackNotStoredException;
import io.pushledger.domain.port.in.RecordCallbackCommand;
import io.pushledger.domain.port.in.RecordCallbackUseCase;
import io.pushledger.domain.port.in.RecordOutcome;
import io.pushledger.domain.service.RecordCallbackService;
import io.pushledger.domain.service.RecordCallbackService.Attempt;
import io.pushledger.domain.service.RecordCallbackService.Waiting;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * The threads and the queue of the group commit (ADR 6, ADR 9); what is written and answered is decided by
 * {@link RecordCallbackService#recordTogether}. A callback waits in a bounded queue (full: 503 at once) until a
 * writer thread takes it with every other callback waiting, up to a group; the caller's stage completes only once
 * the group's transaction has ended, so nothing is acknowledged before it is stored. Every callback is answered by
 * its deadline at the latest: if no writer has answered it by then, it gets a 503 and is never written afterwards.
 */
@Startup
@Singleton
public class GroupCommit implements RecordCallbackUseCase {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);

    private final RecordCallbackService service;
    private final Clock clock;
    private final WriterProgress progress;
    private final DistributionSummary groupSizes;
    private final int maxGroup;
    private final Duration commitTimeout;
    private final Duration stopTimeout;
    private final BlockingQueue<Pending> waiting;
    private final List<Thread> writers = new ArrayList<>();
    /**
     * Two threads, not the common pool's one on two cores, which would answer a burst of deadlines one by one. A
     * deadline is taken off once its callback is answered: kept for the whole commit timeout, every callback of
     * the last 15 s stayed reachable, its body with it (tens of thousands under load, most of a 128 MiB heap).
     */
    private final ScheduledThreadPoolExecutor deadlines = new ScheduledThreadPoolExecutor(2,
            Thread.ofPlatform().name("callback-deadline-", 0).daemon().factory());
    private volatile boolean open = true;

    GroupCommit(RecordCallbackService service, Clock clock, @Readiness WriterProgress progress,
            PushLedgerConfig config, MeterRegistry registry) {
        PushLedgerConfig.GroupCommit settings = config.callback().groupCommit();
        this.service = service;
        this.clock = clock;
        this.progress = progress;
        this.groupSizes = DistributionSummary.builder("pushledger.callback.group.size")
                .description("Callbacks stored per transaction by the group commit")
                .register(registry);
        this.maxGroup = settings.maxCallbacks();
        this.commitTimeout = settings.commitTimeout();
        this.stopTimeout = settings.stopTimeout();
        this.waiting = new ArrayBlockingQueue<>(settings.queueCapacity());
        deadlines.setRemoveOnCancelPolicy(true);
        Gauge.builder("pushledger.callback.queue.size", waiting, BlockingQueue::size)
                .description("Callbacks waiting for a group-commit writer")
                .strongReference(true)
                .register(registry);
        for (int i = 0; i < settings.writers(); i++) {
            writers.add(Thread.ofPlatform().name("callback-writer-" + i).daemon().start(this::write));
        }
    }

    @Override
    public CompletionStage<RecordOutcome> record(RecordCallbackCommand command) {
        if (!open) {
            return CompletableFuture.failedFuture(new CallbackNotStoredException("shutting down", null));
        }
        Pending pending = new Pending(new Waiting(command, clock.instant().plus(commitTimeout)));
        if (!waiting.offer(pending)) {
            return CompletableFuture.failedFuture(new CallbackNotStoredException(
                    "the write queue is full (" + waiting.size() + " callbacks waiting)", null));
        }
        progress.arrived();
        ScheduledFuture<?> deadline = deadlines.schedule(
                () -> refuse(pending, "not committed within " + commitTimeout), commitTimeout.toNanos(), TimeUnit.NANOSECONDS);
        pending.outcome().whenComplete((outcome, failure) -> {
            deadline.cancel(false);
            progress.answered();
        });
        return pending.outcome();
    }

    /**
     * Stops taking callbacks and lets the writers store those already waiting, all within one stop timeout
     * together: the HTTP server has drained by now (every caller answered, within the commit timeout), so
     * whatever they still hold has been answered already, and the shutdown must end within Kubernetes' grace.
     * A writer stuck on a stalled connection is not waited out.
     */
    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        open = false;
        long deadline = System.nanoTime() + stopTimeout.toNanos();
        for (Thread writer : writers) {
            writer.join(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        for (Pending pending; (pending = waiting.poll()) != null; ) {
            refuse(pending, "shutting down");
        }
    }

    /**
     * Answers 503 unless answered already. A callback still waiting is taken from the queue unwritten; one a writer
     * has taken may be in a transaction still, which then does not commit (the service's commit check).
     */
    private void refuse(Pending pending, String reason) {
        if (pending.claim()) {
            waiting.remove(pending);
        }
        pending.outcome().completeExceptionally(new CallbackNotStoredException(reason, null));
    }

    private void write() {
        while (open || !waiting.isEmpty()) {
            try {
                Pending first = waiting.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<Pending> taken = new ArrayList<>(maxGroup);
                taken.add(first);
                waiting.drainTo(taken, maxGroup - 1);
                List<Pending> group = taken.stream().filter(Pending::claim).toList();
                if (!group.isEmpty()) {
                    groupSizes.record(group.size());
                    commit(group);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void commit(List<Pending> group) {
        List<Attempt> attempts;
        try {
            attempts = service.recordTogether(group.stream().map(Pending::waiting).toList());
        } catch (RuntimeException | Error e) {
            LOG.errorf(e, "A group of %d callbacks failed unexpectedly", group.size());
            attempts = group.stream().<Attempt>map(p -> new Attempt.NotStored(e.toString())).toList();
        }
        if (attempts.stream().anyMatch(Attempt.Answered.class::isInstance)) {
            progress.databaseAnswered();
        }
        for (int i = 0; i < group.size(); i++) {
            CompletableFuture<RecordOutcome> outcome = group.get(i).outcome();
            switch (attempts.get(i)) {
                case Attempt.Answered answered -> outcome.complete(answered.outcome());
                case Attempt.NotStored notStored ->
                        outcome.completeExceptionally(new CallbackNotStoredException(notStored.reason(), null));
            }
        }
    }

    private record Pending(Waiting waiting, CompletableFuture<RecordOutcome> outcome, AtomicBoolean claimed) {

        Pending(Waiting waiting) {
            this(waiting, new CompletableFuture<>(), new AtomicBoolean());
        }

        /** True for the one caller, writer or deadline, that answers this callback. */
        boolean claim() {
            return claimed.compareAndSet(false, true);
        }
    }
}
