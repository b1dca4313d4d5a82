package io.pushledger.app;

import static io.pushledger.app.SignedCallback.aPushStart;
import static io.pushledger.app.SignedCallback.uniqueSequence;
import static io.pushledger.app.SignedCallback.uniqueStream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A database that stalls — it keeps its connections open and new ones are accepted, but nothing comes back —
 * harms nothing: every callback is answered within Tencent's ~20 s (503 while stalled, at once when the queue is
 * full), readiness goes DOWN, memory stays flat, no callback answered 503 is written afterwards, none answered 200
 * is lost, and everything recovers by itself once the database answers again.
 */
@QuarkusTest
@WithTestResource(DatabaseBehindProxy.class)
class StalledDatabaseTest {

    private static final Logger LOG = Logger.getLogger(StalledDatabaseTest.class);
    private static final Duration TENCENT_WAITS = Duration.ofSeconds(20);
    private static final Duration STALL = Duration.ofSeconds(30);
    private static final String QUEUE = "pushledger_callback_queue_size";

    TcpProxy database;

    private final Ledger ledger = Ledger.ofTestDatabase();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TestHTTPResource("/callbacks/css")
    URI callbacks;

    /** Readiness is served by the management interface (ADR 12), on a port of its own. */
    private final URI readiness = URI.create(
            ConfigProvider.getConfig().getValue("test.management.url", String.class)).resolve("/q/health/ready");

    @ConfigProperty(name = "pushledger.callback.group-commit.queue-capacity")
    int queueCapacity;

    @AfterEach
    void databaseAnswersAgain() {
        database.resume();
        http.close();
    }

    @Test
    void aStalledDatabaseIsBoundedInTimeAndMemoryAndRecoveredFromWithoutLosingOrLateWritingAnyCallback()
            throws Exception {
        assertThat(send(uniqueSequence()).status()).isEqualTo(200);
        long heapBefore = heapAfterGc();

        database.stall();
        // More senders than the queue holds, each sending again as soon as it is answered.
        int senders = queueCapacity + 128;
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        AtomicInteger deepestQueue = new AtomicInteger();
        long stallEnds = System.nanoTime() + STALL.toNanos();
        long heapDuring;
        int readinessDuring;
        try (ExecutorService load = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < senders; i++) {
                load.submit(() -> {
                    while (System.nanoTime() < stallEnds) {
                        answers.add(send(uniqueSequence()));
                    }
                    return null;
                });
            }
            Thread.sleep(STALL.dividedBy(2).toMillis());
            readinessDuring = probeReadiness();
            heapDuring = heapAfterGc();
            while (System.nanoTime() < stallEnds) {
                deepestQueue.accumulateAndGet((int) MetricsTest.value(QUEUE, Map.of()), Math::max);
                Thread.sleep(200);
            }
            load.shutdown();
            assertThat(load.awaitTermination(STALL.plus(TENCENT_WAITS).toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
        long heapAtEnd = heapAfterGc();
        database.resume();

        List<Answer> all = List.copyOf(answers);
        Duration slowest = all.stream().map(Answer::took).max(Duration::compareTo).orElseThrow();
        long atOnce = all.stream().filter(a -> a.status() == 503 && a.took().compareTo(Duration.ofSeconds(1)) < 0).count();
        LOG.infof("Stalled %s with %d senders: %d answers (%d x 200, %d x 503, %d of them within 1 s), slowest %s;"
                        + " queue %d of %d; heap after GC %d MiB before, %d MiB half-way, %d MiB at the end",
                STALL, senders, all.size(), all.stream().filter(a -> a.status() == 200).count(),
                all.stream().filter(a -> a.status() == 503).count(), atOnce, slowest, deepestQueue.get(), queueCapacity,
                heapBefore >> 20, heapDuring >> 20, heapAtEnd >> 20);

        assertThat(all).as("every callback is answered, 200 or 503").allMatch(a -> a.status() == 200 || a.status() == 503);
        assertThat(slowest).as("the slowest answer").isLessThan(TENCENT_WAITS);
        assertThat(atOnce).as("503s at once from the full queue").isPositive();
        assertThat(readinessDuring).as("readiness while stalled (503, or no answer in time)").isIn(503, -1);
        assertThat(heapAtEnd - heapBefore).as("heap growth over the stall").isLessThan(64L << 20);

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(probeReadiness()).isEqualTo(200));
        String after = uniqueSequence();
        assertThat(send(after).status()).isEqualTo(200);
        assertThat(ledger.pushEvents(after)).hasSize(1);
        // Anything still to be written late would have been by now: the deadlines have all passed.
        Thread.sleep(2_000);
        List<String> acknowledged = all.stream().filter(a -> a.status() == 200).map(Answer::sequence).toList();
        List<String> refused = all.stream().filter(a -> a.status() != 200).map(Answer::sequence).toList();
        assertThat(ledger.sequencesWithEvents(acknowledged)).as("acknowledged and stored")
                .containsExactlyInAnyOrderElementsOf(acknowledged);
        assertThat(ledger.sequencesWithEvents(refused)).as("answered 503, and written all the same").isEmpty();
    }

    private Answer send(String sequence) {
        long sent = System.nanoTime();
        int status;
        try {
            status = http.send(HttpRequest.newBuilder(callbacks)
                            .header("Content-Type", "application/json")
                            .timeout(TENCENT_WAITS.plusSeconds(10))
                            .POST(HttpRequest.BodyPublishers.ofString(aPushStart(sequence, uniqueStream()).json()))
                            .build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            status = -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = -1;
        }
        return new Answer(sequence, status, Duration.ofNanos(System.nanoTime() - sent));
    }

    /** The readiness status, or -1 if the probe is not answered within 10 s (which Kubernetes counts as a failure). */
    private int probeReadiness() throws InterruptedException {
        long sent = System.nanoTime();
        int status;
        try {
            status = http.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notAnswered) {
            status = -1;
        }
        LOG.infof("Readiness %d in %s", status, Duration.ofNanos(System.nanoTime() - sent));
        return status;
    }

    private static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private record Answer(String sequence, int status, Duration took) {
    }
}
