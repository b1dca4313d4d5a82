package io.pushledger.app;

import static io.restassured.RestAssured.get;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** A first look at the service's address finds the console, which asks for an API token, not a 404. */
@QuarkusTest
class RootPageTest {

    @Test
    void theRootIsTheConsoleAskingForAToken() {
        get("/").then().statusCode(200)
                .contentType(startsWith("text/html"))
                .body(containsString("<title>PushLedger console</title>"))
                .body(containsString("id=\"signin-form\""))
                .body(containsString("type=\"password\""));
    }
}
