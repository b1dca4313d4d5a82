package io.pushledger.app;

import static io.pushledger.app.SignedCallback.aPushInterruption;
import static io.pushledger.app.SignedCallback.aPushStart;
import static io.pushledger.app.SignedCallback.uniqueSequence;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SIGKILL under load loses nothing that was acknowledged: after a restart every callback answered 200 is
 * stored and its session agrees with the stored events; re-sending the others, as Tencent would, completes
 * every session without storing any event twice.
 */
class CrashUnderLoadIT {

    private static final int PUSHES = 1500;
    private static final int SENDERS = 8;
    private static final int NO_ANSWER = -1;

    private final Ledger ledger = Ledger.ofTestDatabase();
    private final String streams = "crash-" + UUID.randomUUID() + "-";
    private final List<ServiceProcess> services = new ArrayList<>();

    private record Callback(String sequence, int eventType, String json) {
        String key() {
            return key(sequence, eventType);
        }

        static String key(Object sequence, Object eventType) {
            return sequence + "/" + eventType;
        }
    }

    @AfterEach
    void stopTheServices() throws InterruptedException {
        for (ServiceProcess service : services) {
            service.close();
        }
    }

    @Test
    void everyAcknowledgedCallbackSurvivesSigkillAndRetriesCompleteEverySession() throws Exception {
        List<Callback> callbacks = new ArrayList<>();
        for (int push = 0; push < PUSHES; push++) {
            String sequence = uniqueSequence();
            String stream = streams + push;
            callbacks.add(new Callback(sequence, 1, aPushStart(sequence, stream).json()));
            callbacks.add(new Callback(sequence, 0, aPushInterruption(sequence, stream).json()));
        }
        ServiceProcess first = start("crash-under-load-it-1");

        Map<Callback, Integer> answers = new ConcurrentHashMap<>();
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        Queue<Callback> queue = new ConcurrentLinkedQueue<>(callbacks);
        long loadStarted = System.nanoTime();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        for (int sender = 0; sender < SENDERS; sender++) {
            senders.submit(() -> {
                Callback callback;
                while (!killed.get() && (callback = queue.poll()) != null) {
                    int status = send(first, callback);
                    answers.put(callback, status);
                    if (status == 200) {
                        acknowledged.incrementAndGet();
                    }
                }
            });
        }
        ServiceProcess.await("half the callbacks to be acknowledged", Duration.ofSeconds(180),
                () -> acknowledged.get() >= callbacks.size() / 2);
        int exit = first.kill();
        killed.set(true);
        long loadMillis = (System.nanoTime() - loadStarted) / 1_000_000;
        senders.shutdown();
        assertThat(senders.awaitTermination(60, TimeUnit.SECONDS)).as("senders done").isTrue();
        assertThat(exit).as("exit status of a process killed by SIGKILL").isEqualTo(ServiceProcess.KILLED);

        List<Callback> acked = callbacks.stream().filter(c -> answers.getOrDefault(c, NO_ANSWER) == 200).toList();
        List<Callback> unacked = callbacks.stream().filter(c -> answers.getOrDefault(c, NO_ANSWER) != 200).toList();
        long sent = answers.size();
        long unanswered = answers.values().stream().filter(status -> status == NO_ANSWER).count();
        assertThat(answers.values()).as("answers before the crash").allMatch(status -> status == 200
                || status == 503 || status == NO_ANSWER);
        assertThat(unacked).as("callbacks left to retry after the crash").isNotEmpty();

        ServiceProcess second = start("crash-under-load-it-2");
        Map<Callback, Integer> storedAfterCrash = deliveriesOf(callbacks);
        assertThat(acked).as("acknowledged callbacks stored after the crash").allMatch(storedAfterCrash::containsKey);
        assertSessionsAgreeWith(storedAfterCrash.keySet());
        long unackedButStored = unacked.stream().filter(storedAfterCrash::containsKey).count();

        Map<Callback, Integer> retries = new ConcurrentHashMap<>();
        ExecutorService retrying = Executors.newFixedThreadPool(SENDERS);
        for (Callback callback : unacked) {
            retrying.submit(() -> retries.put(callback, send(second, callback)));
        }
        retrying.shutdown();
        assertThat(retrying.awaitTermination(120, TimeUnit.SECONDS)).as("retries done").isTrue();
        assertThat(retries).hasSize(unacked.size()).allSatisfy((callback, status) -> assertThat(status).isEqualTo(200));

        Map<Callback, Integer> stored = deliveriesOf(callbacks);
        assertThat(stored).hasSize(callbacks.size());
        for (Callback callback : callbacks) {
            int expected = (storedAfterCrash.containsKey(callback) ? 1 : 0) + (retries.containsKey(callback) ? 1 : 0);
            assertThat(stored.get(callback)).as("deliveries of %s", callback.json()).isEqualTo(expected);
        }
        List<Map<String, Object>> sessions = ledger.sessionsOnStreamsStartingWith(streams);
        assertThat(sessions).hasSize(PUSHES).allSatisfy(session -> {
            assertThat(session).containsEntry("status", "ENDED");
            assertThat(session).containsEntry("start_inferred", false);
        });

        System.out.printf("CrashUnderLoadIT: %d callbacks (%d pushes) from %d threads; SIGKILL after %d ms: "
                        + "%d sent, %d acknowledged, %d without an answer, %d refused, %d not sent; after the restart "
                        + "%d of the %d acknowledged found stored, and %d unacknowledged ones too; %d re-sent, all 200; "
                        + "%d events, %d sessions, all ENDED with their real start%n",
                callbacks.size(), PUSHES, SENDERS, loadMillis, sent, acked.size(), unanswered,
                sent - acked.size() - unanswered, callbacks.size() - sent,
                acked.stream().filter(storedAfterCrash::containsKey).count(), acked.size(), unackedButStored,
                retries.size(), stored.size(), sessions.size());
    }

    private ServiceProcess start(String name) throws IOException, InterruptedException {
        ServiceProcess service = ServiceProcess.start(name, ledger);
        services.add(service);
        return service.awaitReady(Duration.ofSeconds(120));
    }

    private static int send(ServiceProcess service, Callback callback) {
        try {
            return service.postCallback(callback.json()).statusCode();
        } catch (IOException e) {
            return NO_ANSWER;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NO_ANSWER;
        }
    }

    /** The stored callbacks and their delivery counts; fails if one is stored twice. */
    private Map<Callback, Integer> deliveriesOf(List<Callback> callbacks) {
        Map<String, Callback> byKey = callbacks.stream().collect(Collectors.toMap(Callback::key, callback -> callback));
        Map<Callback, Integer> deliveries = new HashMap<>();
        for (Map<String, Object> event : ledger.pushEventsOnStreamsStartingWith(streams)) {
            Callback callback = byKey.get(Callback.key(event.get("sequence"), event.get("event_type")));
            assertThat(callback).as("a stored event that was sent: %s", event).isNotNull();
            assertThat(deliveries.put(callback, (Integer) event.get("deliveries")))
                    .as("stored twice: %s", callback.json()).isNull();
        }
        return deliveries;
    }

    /** A session per push with a stored event: ENDED once its interruption is stored, start inferred until its start is. */
    private void assertSessionsAgreeWith(Set<Callback> stored) {
        Set<String> storedKeys = stored.stream().map(Callback::key).collect(Collectors.toSet());
        List<Map<String, Object>> sessions = ledger.sessionsOnStreamsStartingWith(streams);
        assertThat(sessions).extracting(session -> session.get("sequence"))
                .containsExactlyInAnyOrderElementsOf(stored.stream().map(Callback::sequence).distinct().toList());
        for (Map<String, Object> session : sessions) {
            Object sequence = session.get("sequence");
            assertThat(session).as("session %s", sequence)
                    .containsEntry("status", storedKeys.contains(Callback.key(sequence, 0)) ? "ENDED" : "LIVE")
                    .containsEntry("start_inferred", !storedKeys.contains(Callback.key(sequence, 1)));
        }
    }
}
