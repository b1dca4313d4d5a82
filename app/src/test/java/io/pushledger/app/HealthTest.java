package io.pushledger.app;

import static io.restassured.RestAssured.get;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The probes an orchestrator watches (SPEC §4) answer UP while the service and its database are fine. */
@QuarkusTest
class HealthTest {

    static final String DATABASE_CHECK = "Database connections health check";

    @Test
    void theServiceIsLive() {
        get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void theServiceIsReadyWithItsDatabaseUp() {
        get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(DATABASE_CHECK))
                .body("checks.find { it.name == '" + DATABASE_CHECK + "' }.status", equalTo("UP"));
    }

    @Test
    void theServiceHasStarted() {
        get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void theCombinedHealthIsUp() {
        get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
    }
}
