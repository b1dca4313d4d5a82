package io.pushledger.app;

import static io.pushledger.app.SignedCallback.aPushInterruption;
import static io.pushledger.app.SignedCallback.aPushStart;
import static io.pushledger.app.SignedCallback.uniqueSequence;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of the service on one database need nothing but the database to agree: the same callback
 * delivered to both at once is one event and one session, a start on one and its interruption on the other
 * make one complete session, and every delivery gets its 200.
 */
class TwoReplicasIT {

    private static final int PUSHES = 150;
    private static final int PARALLEL_PUSHES = 6;

    private final Ledger ledger = Ledger.ofTestDatabase();
    private final String streams = "replicas-" + UUID.randomUUID() + "-";
    private final List<ServiceProcess> services = new ArrayList<>();

    @AfterEach
    void stopTheReplicas() throws InterruptedException {
        for (ServiceProcess service : services) {
            service.close();
        }
    }

    @Test
    void replicasSharingADatabaseRecordEachCallbackOnceAndEachPushAsOneSession() throws Exception {
        // Started together, so that they also race for the migrations.
        services.add(ServiceProcess.start("two-replicas-it-a", ledger));
        services.add(ServiceProcess.start("two-replicas-it-b", ledger));
        ServiceProcess a = services.get(0).awaitReady(Duration.ofSeconds(120));
        ServiceProcess b = services.get(1).awaitReady(Duration.ofSeconds(120));

        List<String> toBoth = new ArrayList<>();
        List<String> split = new ArrayList<>();
        ExecutorService pushes = Executors.newFixedThreadPool(PARALLEL_PUSHES);
        List<Future<List<Integer>>> statuses = new ArrayList<>();
        for (int push = 0; push < PUSHES; push++) {
            String sequence = uniqueSequence();
            String start = aPushStart(sequence, streams + push).json();
            String interruption = aPushInterruption(sequence, streams + push).json();
            if (push % 2 == 0) {
                toBoth.add(sequence);
                statuses.add(pushes.submit(() -> concurrently(
                        a.postCallbackAsync(start), b.postCallbackAsync(start),
                        a.postCallbackAsync(interruption), b.postCallbackAsync(interruption))));
            } else {
                split.add(sequence);
                statuses.add(pushes.submit(() -> concurrently(
                        a.postCallbackAsync(start), b.postCallbackAsync(interruption))));
            }
        }
        pushes.shutdown();
        assertThat(pushes.awaitTermination(120, TimeUnit.SECONDS)).as("deliveries done").isTrue();
        List<Integer> answers = new ArrayList<>();
        for (Future<List<Integer>> push : statuses) {
            answers.addAll(push.get());
        }
        assertThat(answers).hasSize(PUSHES / 2 * 4 + PUSHES / 2 * 2).containsOnly(200);

        List<Map<String, Object>> events = ledger.pushEventsOnStreamsStartingWith(streams);
        Map<String, List<Map<String, Object>>> eventsByIdentity = events.stream()
                .collect(Collectors.groupingBy(event -> event.get("sequence") + "/" + event.get("event_type")));
        assertThat(eventsByIdentity).as("one event row per (sequence, event_type)")
                .hasSize(PUSHES * 2).allSatisfy((identity, rows) -> assertThat(rows).hasSize(1));
        Map<Object, Integer> deliveries = events.stream().collect(Collectors.toMap(
                event -> event.get("sequence") + "/" + event.get("event_type"), event -> (Integer) event.get("deliveries")));
        toBoth.forEach(sequence -> assertThat(List.of(deliveries.get(sequence + "/1"), deliveries.get(sequence + "/0")))
                .as("deliveries of %s, sent to both", sequence).containsOnly(2));
        split.forEach(sequence -> assertThat(List.of(deliveries.get(sequence + "/1"), deliveries.get(sequence + "/0")))
                .as("deliveries of %s, split", sequence).containsOnly(1));

        Map<Object, Map<String, Object>> sessions = ledger.sessionsOnStreamsStartingWith(streams).stream()
                .collect(Collectors.toMap(session -> session.get("sequence"), Function.identity()));
        assertThat(sessions).as("one session per sequence").hasSize(PUSHES);
        assertThat(sessions.values()).allSatisfy(session -> assertThat(session)
                .containsEntry("status", "ENDED")
                .containsEntry("start_inferred", false));

        System.out.printf("TwoReplicasIT: %d pushes over 2 replicas (%d sent to both at once, %d start on one and "
                        + "interruption on the other): %d deliveries, %d answered 200; %d event rows, %d sessions, "
                        + "all ENDED with their real start%n",
                PUSHES, toBoth.size(), split.size(), answers.size(),
                answers.stream().filter(status -> status == 200).count(), events.size(), sessions.size());
    }

    /** The statuses of deliveries already on their way together, each awaited for at most 30 s. */
    @SafeVarargs
    private static List<Integer> concurrently(CompletableFuture<HttpResponse<String>>... deliveries) throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> delivery : deliveries) {
            statuses.add(delivery.get(30, TimeUnit.SECONDS).statusCode());
        }
        return statuses;
    }
}
