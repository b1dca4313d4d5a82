package io.pushledger.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Follows /api/v1/changes as a bot would: reads the text/event-stream line by line into events. */
final class ChangeStreamClient implements AutoCloseable {

    record Event(String id, String name, String data) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;

    /** Connects to the stream at {@code base}, resuming after {@code lastEventId} unless it is null. */
    ChangeStreamClient(URI base, String token, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/api/v1/changes"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        response = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(answer -> parse(answer.body()));
    }

    int status() throws Exception {
        return response.get(10, TimeUnit.SECONDS).statusCode();
    }

    /** The next event that matches, skipping the others; fails after {@code bound}. */
    Event next(Predicate<Event> wanted, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            Event event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("no matching change event within " + bound);
            }
            if (wanted.test(event)) {
                return event;
            }
        }
    }

    /** The next event of the session with {@code sequence}. */
    Event nextOf(String sequence, Duration bound) throws InterruptedException {
        return next(event -> event.data().contains("\"sequence\":\"" + sequence + "\""), bound);
    }

    private void parse(Stream<String> lines) {
        String[] current = new String[3];
        lines.forEach(line -> {
            if (line.isEmpty()) {
                if (current[2] != null) {
                    events.add(new Event(current[0], current[1], current[2]));
                }
                current[0] = current[1] = current[2] = null;
            } else if (line.startsWith("id:")) {
                current[0] = line.substring(3).strip();
            } else if (line.startsWith("event:")) {
                current[1] = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                current[2] = (current[2] == null ? "" : current[2] + "\n") + line.substring(5).strip();
            }
        });
    }

    @Override
    public void close() {
        response.cancel(true);
        http.shutdownNow();
    }
}
