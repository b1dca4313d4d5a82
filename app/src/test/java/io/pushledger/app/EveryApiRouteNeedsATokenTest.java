package io.pushledger.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Walks every operation the OpenAPI document lists under /api and knocks without a token and with a wrong one. */
@QuarkusTest
class EveryApiRouteNeedsATokenTest {

    @Test
    void everyApiOperationAnswers401WithoutAValidToken() {
        JsonPath openApi = given().accept("application/json").when().get("/q/openapi?format=json")
                .then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> paths = openApi.getMap("paths");
        List<String> checked = new ArrayList<>();

        paths.forEach((path, operations) -> {
            if (!path.startsWith("/api/")) {
                return;
            }
            String concrete = path.replaceAll("\\{[^}]+}", "2210464508206756938");
            for (String method : operations.keySet()) {
                given().when().request(method.toUpperCase(), concrete).then()
                        .statusCode(401).header("WWW-Authenticate", startsWith("Bearer"))
                        .contentType("application/problem+json");
                given().header("Authorization", "Bearer not-a-token").when().request(method.toUpperCase(), concrete)
                        .then().statusCode(401).contentType("application/problem+json");
                checked.add(method.toUpperCase() + " " + path);
            }
        });

        assertThat(checked).as("the API operations found in the OpenAPI document")
                .contains("GET /api/v1/sessions", "GET /api/v1/sessions/{sequence}", "GET /api/v1/events",
                        "GET /api/v1/stats/interruptions", "GET /api/v1/stats/live", "GET /api/v1/error-codes", "GET /api/v1/changes");
    }
}
