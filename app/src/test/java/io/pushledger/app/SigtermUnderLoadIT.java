package io.pushledger.app;

import static io.pushledger.app.SignedCallback.aPushStart;
import static io.pushledger.app.SignedCallback.uniqueSequence;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM while callbacks pour in: the service stops taking new ones, answers those in flight, and every
 * callback it answered 200 is stored. Nothing it accepted is lost; what it did not accept, Tencent retries.
 */
class SigtermUnderLoadIT {

    private static final int CALLBACKS = 1200;
    private static final int SENDERS = 8;
    private static final int NO_ANSWER = -1;

    private final Ledger ledger = Ledger.ofTestDatabase();
    private final String streams = "sigterm-" + UUID.randomUUID() + "-";
    private ServiceProcess service;

    @AfterEach
    void stop() throws InterruptedException {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void everyCallbackAnswered200BeforeTheProcessExitsIsStored() throws Exception {
        List<String> sequences = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < CALLBACKS; i++) {
            String sequence = uniqueSequence();
            sequences.add(sequence);
            bodies.add(aPushStart(sequence, streams + i).json());
        }
        service = ServiceProcess.start("sigterm-under-load-it", ledger).awaitReady(Duration.ofSeconds(120));

        Map<String, Integer> answers = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger acknowledged = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        for (int s = 0; s < SENDERS; s++) {
            senders.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < CALLBACKS) {
                    int status = send(bodies.get(i));
                    answers.put(sequences.get(i), status);
                    if (status == 200) {
                        acknowledged.incrementAndGet();
                    }
                    if (status == NO_ANSWER && !serviceAlive()) {
                        return;
                    }
                }
            });
        }
        ServiceProcess.await("a third of the callbacks to be acknowledged", Duration.ofSeconds(120),
                () -> acknowledged.get() >= CALLBACKS / 3);
        int acknowledgedAtSigterm = acknowledged.get();
        service.terminate();
        assertThat(service.waitForExit(Duration.ofSeconds(30))).as("exited within the shutdown timeout").isTrue();
        senders.shutdown();
        assertThat(senders.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        assertThat(service.exitValue()).as("exit status after SIGTERM").isEqualTo(ServiceProcess.TERMINATED);
        List<String> acked = answers.entrySet().stream().filter(answer -> answer.getValue() == 200)
                .map(Map.Entry::getKey).toList();
        assertThat(answers.values()).as("answers: 200, 503 while shutting down, or none once the port closed")
                .allMatch(status -> status == 200 || status == 503 || status == NO_ANSWER);
        List<String> stored = ledger.sessionsOnStreamsStartingWith(streams).stream()
                .map(session -> (String) session.get("sequence")).toList();
        assertThat(stored).as("every acknowledged callback is stored").containsAll(acked);

        System.out.printf("SigtermUnderLoadIT: %d callbacks from %d threads; SIGTERM after %d acknowledged; "
                        + "%d acknowledged in all (%d of them after the signal), %d stored, %d without an answer%n",
                CALLBACKS, SENDERS, acknowledgedAtSigterm, acked.size(), acked.size() - acknowledgedAtSigterm,
                stored.size(), answers.values().stream().filter(status -> status == NO_ANSWER).count());
    }

    private boolean serviceAlive() {
        return service.managementStatus("/q/health/live") == 200;
    }

    private int send(String body) {
        try {
            return service.postCallback(body).statusCode();
        } catch (IOException e) {
            return NO_ANSWER;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NO_ANSWER;
        }
    }
}
