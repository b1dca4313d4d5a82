package io.pushledger.app;

import static io.pushledger.app.SignedCallback.aPushStart;
import static io.pushledger.app.SignedCallback.uniqueSequence;
import static io.pushledger.app.SignedCallback.uniqueStream;
import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** Oversized request headers are refused by the HTTP layer with 431, before anything is read or stored. */
@QuarkusTest
class RequestLimitsTest {

    @Test
    void headersLargerThanTheLimitAre431() {
        given().contentType(ContentType.JSON).header("X-Padding", "p".repeat(24 * 1024))
                .body(aPushStart(uniqueSequence(), uniqueStream()).json())
                .when().post("/callbacks/css").then().statusCode(431);
    }

    @Test
    void headersWithinTheLimitAreServed() {
        given().contentType(ContentType.JSON).header("X-Padding", "p".repeat(4 * 1024))
                .body(aPushStart(uniqueSequence(), uniqueStream()).json())
                .when().post("/callbacks/css").then().statusCode(200);
    }
}
