package io.pushledger.app;

import static io.pushledger.app.Management.management;
import static io.restassured.RestAssured.get;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The probes an orchestrator watches (SPEC §4) answer UP on the management interface while the service and
 * its database are fine, and only there: the service port has no health endpoint.
 */
@QuarkusTest
class HealthTest {

    static final String DATABASE_CHECK = "Database connections health check";

    @Test
    void theServiceIsLive() {
        management().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void theServiceIsReadyWithItsDatabaseUp() {
        management().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(DATABASE_CHECK))
                .body("checks.find { it.name == '" + DATABASE_CHECK + "' }.status", equalTo("UP"));
    }

    @Test
    void theServiceHasStarted() {
        management().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void theCombinedHealthIsUp() {
        management().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void healthAndMetricsAreNotServedOnTheServicePort() {
        get("/q/health/ready").then().statusCode(404);
        get("/q/metrics").then().statusCode(404);
        management().get("/q/metrics").then().statusCode(200);
    }
}
