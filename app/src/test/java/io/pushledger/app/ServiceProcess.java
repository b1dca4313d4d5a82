package io.pushledger.app;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The packaged service Quarkus built last (the fast-jar, or the native executable with -Dnative) running as
 * a process of its own, in the prod profile, on a free port of 127.0.0.1 and its management interface
 * (health, metrics) on another, with its output in {@code target/<name>.log}. For the tests that signal or
 * kill it.
 */
final class ServiceProcess implements AutoCloseable {

    private static final Path TARGET = Path.of("target");
    /** 128 + the signal number: how a process killed by SIGKILL (9) or ended by SIGTERM (15) exits. */
    static final int KILLED = 137;
    static final int TERMINATED = 143;

    private final Process process;
    private final int port;
    private final int managementPort;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private ServiceProcess(Process process, int port, int managementPort, Path log) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
    }

    /** Starts the service against the test database, accepting callbacks signed with {@link SignedCallback#KEY}. */
    static ServiceProcess start(String name, Ledger ledger) throws IOException {
        return start(name, ledger, Map.of());
    }

    /** As {@link #start(String, Ledger)}, with these environment variables changed; an empty value removes one. */
    static ServiceProcess start(String name, Ledger ledger, Map<String, String> environment) throws IOException {
        int port = freePort();
        int managementPort = freePort();
        Path log = TARGET.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(ledger.asEnvironment());
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
        builder.environment().put("PUSHLEDGER_CALLBACK_KEYS", SignedCallback.KEY);
        builder.environment().put("PUSHLEDGER_API_TOKENS", "test-api-token");
        // The prod profile's retention would delete the sessions of the fixtures' 2023 pushes a minute after start-up.
        builder.environment().put("PUSHLEDGER_RETENTION_EVERY", "off");
        environment.forEach((variable, value) -> {
            if (value.isEmpty()) {
                builder.environment().remove(variable);
            } else {
                builder.environment().put(variable, value);
            }
        });
        return new ServiceProcess(builder.start(), port, managementPort, log);
    }

    /** Whether the build packaged the native executable (-Dnative) rather than the fast-jar. */
    static boolean packagedAsNative() throws IOException {
        return "native".equals(packagedArtifact().getProperty("type"));
    }

    private static Properties packagedArtifact() throws IOException {
        Properties artifact = new Properties();
        try (InputStream in = Files.newInputStream(TARGET.resolve("quarkus-artifact.properties"))) {
            artifact.load(in);
        }
        return artifact;
    }

    private static List<String> command() throws IOException {
        Properties artifact = packagedArtifact();
        String executable = TARGET.resolve(artifact.getProperty("path")).toAbsolutePath().toString();
        return switch (artifact.getProperty("type")) {
            case "jar" -> List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", executable);
            case "native" -> List.of(executable);
            default -> throw new IllegalStateException("cannot run a " + artifact.getProperty("type") + " build");
        };
    }

    ServiceProcess awaitReady(Duration bound) throws InterruptedException {
        await("the service on port " + port + " to be ready", bound, () -> {
            if (!process.isAlive()) {
                throw new AssertionError("the service exited with " + process.exitValue() + ", see " + log);
            }
            return managementStatus("/q/health/ready") == 200;
        });
        return this;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The management interface's {@code path}: health and metrics. */
    URI managementUri(String path) {
        return URI.create("http://127.0.0.1:" + managementPort + path);
    }

    Path log() {
        return log;
    }

    /** The status of a GET of the management interface's {@code path}, or -1 when there was no answer. */
    int managementStatus(String path) {
        try {
            return managementGet(path).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    HttpResponse<String> managementGet(String path) throws IOException, InterruptedException {
        return get(managementUri(path));
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(uri(path));
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postCallback(String json) throws IOException, InterruptedException {
        return http.send(callback(json), HttpResponse.BodyHandlers.ofString());
    }

    CompletableFuture<HttpResponse<String>> postCallbackAsync(String json) {
        return http.sendAsync(callback(json), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest callback(String json) {
        // Above the 5 s the service may wait for a database connection, below the ~20 s Tencent waits.
        return HttpRequest.newBuilder(uri("/callbacks/css"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    /** SIGTERM: a graceful shutdown. */
    void terminate() {
        process.destroy();
    }

    /** SIGKILL (what {@link Process#destroyForcibly()} sends on Linux): no shutdown hook, no answer to anyone. */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the service survived SIGKILL for 10 s");
        }
        return process.exitValue();
    }

    boolean waitForExit(Duration bound) throws InterruptedException {
        return process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
    }

    int exitValue() {
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        http.close();
    }

    static void await(String what, Duration bound, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(bound);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("gave up waiting for " + what + " after " + bound);
            }
            Thread.sleep(100);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
