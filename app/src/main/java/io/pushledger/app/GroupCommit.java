package io.pushledger.app;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.pushledger.domain.port.in.CallbackNotStoredException;
import io.pushledger.domain.port.in.RecordCallbackCommand;
import io.pushledger.domain.port.in.RecordCallbackUseCase;
import io.pushledger.domain.port.in.RecordOutcome;
import io.pushledger.domain.service.RecordCallbackService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Group commit: the callbacks waiting to be stored are recorded together, in one transaction, by a
 * writer thread, and each caller returns only once that transaction has committed, so nothing is
 * acknowledged before it is stored. One commit, one WAL flush, then serves a whole group instead of
 * one callback. A group that fails is retried one callback per transaction, so that one callback
 * cannot fail the others; any failure the caller sees is {@link CallbackNotStoredException}.
 */
@Startup
@Singleton
public class GroupCommit implements RecordCallbackUseCase {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);

    private final RecordCallbackService service;
    private final DistributionSummary groupSizes;
    private final int maxGroup;
    private final Duration commitTimeout;
    private final Duration stopTimeout;
    private final BlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean open = true;

    GroupCommit(RecordCallbackService service, PushLedgerConfig config, MeterRegistry registry) {
        PushLedgerConfig.GroupCommit settings = config.callback().groupCommit();
        this.service = service;
        this.groupSizes = DistributionSummary.builder("pushledger.callback.group.size")
                .description("Callbacks stored per transaction by the group commit")
                .register(registry);
        this.maxGroup = settings.maxCallbacks();
        this.commitTimeout = settings.commitTimeout();
        this.stopTimeout = settings.stopTimeout();
        for (int i = 0; i < settings.writers(); i++) {
            writers.add(Thread.ofPlatform().name("callback-writer-" + i).daemon().start(this::write));
        }
    }

    @Override
    public CompletionStage<RecordOutcome> record(RecordCallbackCommand command) {
        if (!open) {
            return CompletableFuture.failedFuture(new CallbackNotStoredException("shutting down", null));
        }
        Pending pending = new Pending(command, new CompletableFuture<>());
        waiting.add(pending);
        return pending.outcome()
                .orTimeout(commitTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(failure instanceof TimeoutException
                        ? new CallbackNotStoredException("not committed within " + commitTimeout, failure)
                        : failure));
    }

    /**
     * Stops taking callbacks and lets the writers store those already waiting, all within one stop timeout
     * together: the HTTP server has drained by now (every caller answered, within the commit timeout), so
     * whatever they still hold has been answered already, and the shutdown must end within Kubernetes' grace.
     */
    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        open = false;
        long deadline = System.nanoTime() + stopTimeout.toNanos();
        for (Thread writer : writers) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                writer.join(Duration.ofNanos(left));
            }
        }
    }

    private void write() {
        while (open || !waiting.isEmpty()) {
            try {
                Pending first = waiting.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<Pending> group = new ArrayList<>(maxGroup);
                group.add(first);
                waiting.drainTo(group, maxGroup - 1);
                groupSizes.record(group.size());
                commit(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void commit(List<Pending> group) {
        try {
            List<RecordOutcome> outcomes = inOneTransaction(group);
            for (int i = 0; i < group.size(); i++) {
                group.get(i).outcome().complete(outcomes.get(i));
            }
        } catch (RuntimeException | Error e) {
            if (group.size() == 1) {
                group.getFirst().outcome().completeExceptionally(new CallbackNotStoredException(describe(e), e));
            } else {
                LOG.debugf("A group of %d callbacks was not stored (%s); storing each alone", group.size(), describe(e));
                commitEachAlone(group);
            }
        }
    }

    /**
     * After a group failed. Once one callback alone fails too, the cause is most likely the database, not
     * the callbacks: the rest are refused at once (and retried by Tencent) rather than each waiting its turn.
     */
    private void commitEachAlone(List<Pending> group) {
        RuntimeException failure = null;
        for (Pending pending : group) {
            if (failure != null) {
                pending.outcome().completeExceptionally(failure);
                continue;
            }
            try {
                pending.outcome().complete(inOneTransaction(List.of(pending)).getFirst());
            } catch (RuntimeException | Error e) {
                failure = new CallbackNotStoredException(describe(e), e);
                pending.outcome().completeExceptionally(failure);
            }
        }
    }

    private List<RecordOutcome> inOneTransaction(List<Pending> group) {
        List<RecordCallbackCommand> commands = group.stream().map(Pending::command).toList();
        return QuarkusTransaction.requiringNew().call(() -> service.recordAll(commands));
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private record Pending(RecordCallbackCommand command, CompletableFuture<RecordOutcome> outcome) {
    }
}
