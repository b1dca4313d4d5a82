package io.pushledger.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The three probes an orchestrator watches (SPEC §4); readiness includes the database. */
@QuarkusTest
class HealthTest {

    @Test
    void theServiceIsLive() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void theServiceIsReadyWhenTheDatabaseAnswers() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"))
                .body("checks.status", hasItem("UP"));
    }

    @Test
    void theServiceHasStarted() {
        given().when().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
    }
}
