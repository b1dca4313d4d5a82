package io.pushledger.app;

import static io.pushledger.app.CallbackRecordingTest.post;
import static io.pushledger.app.HealthTest.DATABASE_CHECK;
import static io.pushledger.app.Management.management;
import static io.pushledger.app.SignedCallback.aPushStart;
import static io.pushledger.app.SignedCallback.uniqueSequence;
import static io.pushledger.app.SignedCallback.uniqueStream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.blankOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * While PostgreSQL is unreachable, callbacks are refused with 503 so that Tencent retries them, and
 * the service reports itself not ready but alive. Once PostgreSQL is back the service recovers by
 * itself: no restart, no connection left over from before the outage handed to a callback.
 */
@QuarkusTest
@WithTestResource(DatabaseBehindProxy.class)
class DatabaseOutageTest {

    private static final Duration RECOVERY = Duration.ofSeconds(5);
    /** Connections a busy service has pooled when the database goes away; all of them die with it. */
    private static final int POOLED = 8;

    TcpProxy database;

    private final Ledger ledger = Ledger.ofTestDatabase();

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = DatabaseBehindProxy.JDBC_URL)
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.jdbc.background-validation-interval")
    Duration backgroundValidation;

    @BeforeEach
    void theServiceReachesPostgresqlOnlyThroughTheProxy() throws SQLException {
        assertThat(database).as("the proxy DatabaseBehindProxy injects").isNotNull();
        assertThat(jdbcUrl).startsWith("jdbc:postgresql://127.0.0.1:" + database.port() + "/");
        await().atMost(RECOVERY).untilAsserted(() -> readiness(200, "UP"));
        poolConnections(POOLED);
    }

    @AfterEach
    void databaseBack() throws IOException {
        database.start();
    }

    @Test
    void aCallbackRefusedDuringAnOutageIsStoredWhenRetriedAfterIt() throws Exception {
        String sequence = uniqueSequence();
        String callback = aPushStart(sequence, uniqueStream()).json();

        database.stop();

        readiness(503, "DOWN");
        live();
        for (int delivery = 1; delivery <= 3; delivery++) {
            long sent = System.nanoTime();
            post(callback).statusCode(503)
                    .contentType(equalTo("application/problem+json"))
                    .header("Retry-After", not(blankOrNullString()))
                    .body("type", equalTo("urn:pushledger:problem:storage-unavailable"))
                    .body("status", equalTo(503))
                    .body("title", not(blankOrNullString()))
                    .body("detail", not(blankOrNullString()));
            // Tencent gives up on a delivery after about 20 s.
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(10));
        }
        readiness(503, "DOWN");
        live();

        database.start();

        await().atMost(RECOVERY).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> readiness(200, "UP"));
        post(callback).statusCode(200).contentType(ContentType.JSON).body(equalTo("{\"code\":0}"));
        assertThat(ledger.pushEvents(sequence)).singleElement()
                .satisfies(event -> assertThat(event).containsEntry("event_type", 1).containsEntry("deliveries", 1));
        assertThat(ledger.session(sequence)).containsEntry("status", "LIVE");
    }

    @Test
    void connectionsCutByAnOutageAreNotHandedToCallbacksAfterIt() throws Exception {
        database.stop();
        database.start();

        for (int delivery = 1; delivery <= POOLED; delivery++) {
            String sequence = uniqueSequence();
            post(aPushStart(sequence, uniqueStream()).json()).statusCode(200);
            assertThat(ledger.pushEvents(sequence)).hasSize(1);
        }
    }

    @Test
    void afterALongerOutageTheFirstReadinessProbeSeesTheDatabaseBack() throws Exception {
        database.stop();
        // Long enough for background validation to find every pooled connection dead.
        Thread.sleep(backgroundValidation.plusSeconds(3).toMillis());

        database.start();

        readiness(200, "UP");
    }

    private void poolConnections(int count) throws SQLException {
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                Connection connection = dataSource.getConnection();
                held.add(connection);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SELECT 1");
                }
            }
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
    }

    private static void readiness(int status, String state) {
        management().get("/q/health/ready").then().statusCode(status)
                .body("status", equalTo(state))
                .body("checks.find { it.name == '" + DATABASE_CHECK + "' }.status", equalTo(state));
    }

    private static void live() {
        management().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
