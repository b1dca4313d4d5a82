package io.pushledger.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Sends the callbacks of {@link PushCallbacks} and measures the answers. With a fixed concurrency each
 * connection sends its next callback when the previous one is answered; with a fixed rate callbacks go
 * out on schedule and latency counts from the scheduled time, so a stalled service is not hidden
 * (coordinated omission).
 */
final class IngestRun {

    private final IngestOptions options;
    private final PushCallbacks callbacks;
    /** Kept-alive connections not in use; a request takes one or opens a new one. */
    private final ConcurrentLinkedQueue<HttpConnection> idle = new ConcurrentLinkedQueue<>();
    private final AtomicLong nextCallback = new AtomicLong();
    private final AtomicLong measuredStarted = new AtomicLong();
    private final AtomicLong lastMeasuredAnswer = new AtomicLong();
    private final LongAdder completed = new LongAdder();
    private final LongAdder ok = new LongAdder();
    private final Map<Integer, LongAdder> nonOk = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Histogram latencyMicros = new ConcurrentHistogram(3);
    private long measureFrom;
    private long measureUntil;

    IngestRun(IngestOptions options) {
        this.options = options;
        this.callbacks = new PushCallbacks(options.key(), options.sequenceBase(), options.streams(), options.lag(),
                options.streamIds());
    }

    IngestReport run() throws InterruptedException {
        long start = System.nanoTime();
        measureFrom = start + options.warmup().toNanos();
        measureUntil = options.duration() == null ? Long.MAX_VALUE : measureFrom + options.duration().toNanos();
        lastMeasuredAnswer.set(measureFrom);
        try (ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
            if (options.fixedRate()) {
                schedule(start, requests);
            } else {
                for (int i = 0; i < options.concurrency(); i++) {
                    requests.submit(this::sendBackToBack);
                }
            }
        }
        for (HttpConnection connection; (connection = idle.poll()) != null; ) {
            close(connection);
        }
        return report();
    }

    private void sendBackToBack() {
        while (true) {
            long now = System.nanoTime();
            if (!mayStart(now)) {
                return;
            }
            send(nextCallback.getAndIncrement(), now);
        }
    }

    private void schedule(long start, ExecutorService requests) throws InterruptedException {
        Semaphore inFlight = new Semaphore(options.maxInFlight());
        double interval = 1e9 / options.rate();
        for (long i = 0; ; i++) {
            long due = start + (long) (i * interval);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            if (!mayStart(due)) {
                return;
            }
            inFlight.acquire();
            long n = nextCallback.getAndIncrement();
            requests.submit(() -> {
                try {
                    send(n, due);
                } finally {
                    inFlight.release();
                }
            });
        }
    }

    /** Whether a callback due at {@code due} is still part of the run, counting it if it is measured. */
    private boolean mayStart(long due) {
        if (due < measureFrom) {
            return true;
        }
        if (due >= measureUntil) {
            return false;
        }
        return options.count() == 0 || measuredStarted.getAndIncrement() < options.count();
    }

    private void send(long n, long due) {
        byte[] body = callbacks.body(n, System.currentTimeMillis()).getBytes(StandardCharsets.UTF_8);
        int status = 0;
        String error = null;
        HttpConnection connection = idle.poll();
        try {
            if (connection == null) {
                connection = new HttpConnection(options.url(), options.timeout());
            }
            status = connection.post(body);
            if (connection.reusable()) {
                idle.add(connection);
            } else {
                close(connection);
            }
        } catch (IOException | RuntimeException e) {
            error = e.getClass().getSimpleName();
            if (connection != null) {
                close(connection);
            }
        }
        long answered = System.nanoTime();
        if (due < measureFrom) {
            return;
        }
        lastMeasuredAnswer.accumulateAndGet(answered, Math::max);
        latencyMicros.recordValue(Math.max(0, (answered - due) / 1000));
        if (error != null) {
            errors.computeIfAbsent(error, k -> new LongAdder()).increment();
            return;
        }
        completed.increment();
        if (status == 200) {
            ok.increment();
        } else {
            nonOk.computeIfAbsent(status, k -> new LongAdder()).increment();
        }
    }

    private static void close(HttpConnection connection) {
        try {
            connection.close();
        } catch (IOException e) {
            // Closing a connection that failed: nothing left to do with it.
        }
    }

    private IngestReport report() {
        String mode = options.fixedRate()
                ? "fixed rate %s callbacks/s (at most %d in flight)".formatted(options.rate(), options.maxInFlight())
                : "fixed concurrency %d".formatted(options.concurrency());
        if (!options.warmup().isZero()) {
            mode += ", after a %d ms warm-up".formatted(options.warmup().toMillis());
        }
        double seconds = (lastMeasuredAnswer.get() - measureFrom) / 1e9;
        return new IngestReport(mode, seconds, completed.sum(), ok.sum(), sum(nonOk), sum(errors), latencyMicros);
    }

    private static <K extends Comparable<K>> TreeMap<K, Long> sum(Map<K, LongAdder> counts) {
        TreeMap<K, Long> sums = new TreeMap<>();
        counts.forEach((k, v) -> sums.put(k, v.sum()));
        return sums;
    }
}
