package io.pushledger.app;

import static io.restassured.RestAssured.get;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** A first look at the service's address finds a page that leads to the API documentation, not a 404. */
@QuarkusTest
class RootPageTest {

    @Test
    void theRootIsAPageLinkingToTheApiDocumentation() {
        get("/").then().statusCode(200)
                .contentType(startsWith("text/html"))
                .body(containsString("<title>PushLedger</title>"))
                .body(containsString("href=\"/q/swagger-ui\""))
                .body(containsString("href=\"/q/openapi\""));
    }
}
