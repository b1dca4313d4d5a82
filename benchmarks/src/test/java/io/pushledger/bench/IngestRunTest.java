package io.pushledger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs the generator briefly against a stub that checks signatures the way PushLedger does. */
class IngestRunTest {

    private static final String KEY = "stub-key";
    private static final Pattern FIELD = Pattern.compile("\"(event_type|t|sign|sequence)\":\"?([^\",]+)");

    private final Set<String> starts = ConcurrentHashMap.newKeySet();
    private final Set<String> interruptions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicInteger badSignatures = new AtomicInteger();
    private volatile int failEvery;
    private HttpServer stub;

    @BeforeEach
    void startStub() throws IOException {
        stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        stub.createContext("/callbacks/css", this::answer);
        stub.start();
    }

    @AfterEach
    void stopStub() {
        stub.stop(0);
    }

    @Test
    void sendsEachPushStartAndInterruptionOnceSignedWithTheKey() throws Exception {
        IngestReport report = run("--count", "600", "--concurrency", "4", "--lag", "16", "--streams", "100");

        assertThat(report.completed()).isEqualTo(600);
        assertThat(report.ok()).isEqualTo(600);
        assertThat(report.nonOkByStatus()).isEmpty();
        assertThat(report.errorsByKind()).isEmpty();
        assertThat(report.latencyMicros().getTotalCount()).isEqualTo(600);
        assertThat(badSignatures).hasValue(0);
        assertThat(duplicates).hasValue(0);
        assertThat(starts).hasSize(16 + 292);
        assertThat(interruptions).hasSize(292);
        assertThat(starts).containsAll(interruptions);
    }

    @Test
    void countsEveryNon200ByStatus() throws Exception {
        failEvery = 5;

        IngestReport report = run("--count", "200", "--concurrency", "2");

        assertThat(report.ok()).isEqualTo(160);
        assertThat(report.nonOkByStatus()).containsExactlyEntriesOf(new TreeMap<>(Map.of(503, 40L)));
        assertThat(report.format()).contains("503: 40").contains("RESULT callbacks_per_s=");
    }

    @Test
    void runsForADurationAfterAWarmUpThatIsNotCounted() throws Exception {
        IngestReport report = run("--duration", "1s", "--warmup", "300ms", "--concurrency", "4");

        assertThat(report.ok()).isPositive().isLessThan(received.get());
        assertThat(report.seconds()).isBetween(0.9, 2.0);
        assertThat(report.callbacksPerSecond()).isPositive();
    }

    @Test
    void keepsAFixedRate() throws Exception {
        IngestReport report = run("--rate", "200", "--duration", "1s");

        assertThat(report.ok()).isBetween(180L, 201L);
        assertThat(report.mode()).startsWith("fixed rate");
    }

    private IngestReport run(String... options) throws InterruptedException {
        List<String> args = new ArrayList<>(List.of(
                "--url", "http://127.0.0.1:" + stub.getAddress().getPort() + "/callbacks/css", "--key", KEY));
        args.addAll(List.of(options));
        return new IngestRun(IngestOptions.parse(args.toArray(String[]::new))).run();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> fields = new HashMap<>();
        Matcher m = FIELD.matcher(body);
        while (m.find()) {
            fields.putIfAbsent(m.group(1), m.group(2));
        }
        if (!md5(KEY + fields.get("t")).equals(fields.get("sign"))) {
            badSignatures.incrementAndGet();
        }
        boolean fresh = ("1".equals(fields.get("event_type")) ? starts : interruptions).add(fields.get("sequence"));
        if (!fresh) {
            duplicates.incrementAndGet();
        }
        int nth = received.incrementAndGet();
        int status = failEvery > 0 && nth % failEvery == 0 ? 503 : 200;
        byte[] answer = "{\"code\":0}".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
