package io.pushledger.app;

import static io.pushledger.app.SignedCallback.aPushStart;
import static io.pushledger.app.SignedCallback.uniqueSequence;
import static io.pushledger.app.SignedCallback.uniqueStream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real PostgreSQL stopped under a running service, then started again: callbacks get 503 (never 200 or
 * 500), readiness goes DOWN while liveness stays UP, and once the server is back readiness returns by itself
 * and the refused callback, retried, is stored. It stops the server every other test on this machine uses,
 * so it runs only when asked to ({@value #CONTROL}=true, as .ci/run does) and where it can control it.
 */
class PostgresOutageIT {

    static final String CONTROL = "it.control-postgres";
    private static final Path PG_LOG = Path.of("target", "postgres-outage-it-pg_ctlcluster.log");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Ledger ledger = Ledger.ofTestDatabase();
    private String[] cluster;
    private ServiceProcess service;

    @BeforeEach
    void onlyWhereThisTestMayStopAndStartPostgresql() throws Exception {
        assumeTrue(Boolean.getBoolean(CONTROL),
                "stops the PostgreSQL server other tests share: run with -D" + CONTROL + "=true (.ci/run does)");
        assumeTrue(ProcessHandle.current().info().user().filter("root"::equals).isPresent(),
                "pg_ctlcluster needs root to stop and start the server");
        assumeTrue(Stream.of("pg_lsclusters", "pg_ctlcluster", "pg_isready").allMatch(PostgresOutageIT::onPath),
                "no pg_lsclusters, pg_ctlcluster and pg_isready (Debian's postgresql-common) to control the server");
        URI server = URI.create(ledger.jdbcUrl().substring("jdbc:".length()));
        assumeTrue(Set.of("127.0.0.1", "localhost", "[::1]").contains(server.getHost()),
                "the test database is not on this machine: " + server.getHost());
        int port = server.getPort() == -1 ? 5432 : server.getPort();
        Optional<String[]> local = clusterOnPort(port);
        assumeTrue(local.isPresent(), "no local cluster listed by pg_lsclusters on port " + port);
        cluster = local.get();
    }

    @AfterEach
    void stopTheService() throws InterruptedException {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void callbacksGet503AndReadinessGoesDownWhilePostgresqlIsStoppedAndBothRecoverByThemselves() throws Exception {
        service = ServiceProcess.start("postgres-outage-it", ledger).awaitReady(Duration.ofSeconds(120));
        assertThat(service.postCallback(aPushStart(uniqueSequence(), uniqueStream()).json()).statusCode())
                .as("a callback before the outage, so that the pool holds connections that will die")
                .isEqualTo(200);
        String sequence = uniqueSequence();
        String callback = aPushStart(sequence, uniqueStream()).json();

        long readinessDownMillis;
        long outageMillis;
        long stopped = System.nanoTime();
        try {
            assertThat(pgctlcluster("stop")).as("pg_ctlcluster stop, see " + PG_LOG).isZero();
            stopped = System.nanoTime();
            ServiceProcess.await("readiness DOWN", Duration.ofSeconds(10), () -> service.managementStatus("/q/health/ready") == 503);
            readinessDownMillis = millisSince(stopped);
            assertThat(health("ready")).isEqualTo("DOWN");
            assertThat(health("live")).as("liveness while the database is away").isEqualTo("UP");

            for (int delivery = 1; delivery <= 2; delivery++) {
                HttpResponse<String> refused = service.postCallback(callback);
                assertThat(refused.statusCode()).as("delivery %d during the outage", delivery).isEqualTo(503);
                assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));
            }
            assertThat(health("live")).isEqualTo("UP");
        } finally {
            int started = pgctlcluster("start");
            ServiceProcess.await("pg_isready", Duration.ofSeconds(30), this::postgresqlIsReady);
            outageMillis = millisSince(stopped);
            assertThat(started).as("pg_ctlcluster start, see " + PG_LOG).isZero();
        }

        long back = System.nanoTime();
        ServiceProcess.await("readiness UP again", Duration.ofSeconds(30), () -> service.managementStatus("/q/health/ready") == 200);
        long readinessUpMillis = millisSince(back);
        assertThat(health("ready")).isEqualTo("UP");

        HttpResponse<String> accepted = service.postCallback(callback);
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.body()).isEqualTo("{\"code\":0}");
        assertThat(ledger.session(sequence)).containsEntry("status", "LIVE");
        assertThat(ledger.pushEvents(sequence)).singleElement()
                .satisfies(event -> assertThat(event).containsEntry("deliveries", 1));

        System.out.printf("PostgresOutageIT: PostgreSQL %s/%s stopped for %d ms; readiness DOWN %d ms after the stop, "
                        + "liveness UP throughout, callbacks 503; readiness UP %d ms after pg_isready, callback then stored%n",
                cluster[0], cluster[1], outageMillis, readinessDownMillis, readinessUpMillis);
    }

    private String health(String probe) throws IOException, InterruptedException {
        return JSON.readTree(service.managementGet("/q/health/" + probe).body()).path("status").asText();
    }

    /** Version and name of the local cluster listening on the port, from {@code pg_lsclusters}. */
    private static Optional<String[]> clusterOnPort(int port) throws IOException, InterruptedException {
        Process list = new ProcessBuilder("pg_lsclusters", "--no-header").redirectErrorStream(true).start();
        List<String> lines = new String(list.getInputStream().readAllBytes()).lines().toList();
        if (!list.waitFor(10, TimeUnit.SECONDS) || list.exitValue() != 0) {
            return Optional.empty();
        }
        return lines.stream().map(line -> line.trim().split("\\s+"))
                .filter(columns -> columns.length > 2 && columns[2].equals(String.valueOf(port)))
                .findFirst();
    }

    private int pgctlcluster(String action) throws IOException, InterruptedException {
        return run(Duration.ofSeconds(30), "pg_ctlcluster", "--skip-systemctl-redirect", cluster[0], cluster[1], action);
    }

    private boolean postgresqlIsReady() {
        try {
            return run(Duration.ofSeconds(5), "pg_isready", "-q", "-h", "127.0.0.1", "-p", cluster[2]) == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int run(Duration bound, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(PG_LOG.toFile())).start();
        if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new AssertionError(String.join(" ", command) + " did not finish within " + bound);
        }
        return process.exitValue();
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, command)));
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
