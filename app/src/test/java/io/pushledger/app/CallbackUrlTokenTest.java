package io.pushledger.app;

import static io.pushledger.app.SignedCallback.aPushStart;
import static io.pushledger.app.SignedCallback.uniqueSequence;
import static io.pushledger.app.SignedCallback.uniqueStream;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With PUSHLEDGER_CALLBACK_URL_TOKEN set, a correctly signed callback also needs the token in its URL. */
@QuarkusTest
@TestProfile(CallbackUrlTokenTest.WithUrlToken.class)
class CallbackUrlTokenTest {

    public static class WithUrlToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pushledger.callback.url-token", "url-secret-42");
        }
    }

    private static ValidatableResponse post(String query) {
        return given().contentType(ContentType.JSON).body(aPushStart(uniqueSequence(), uniqueStream()).json())
                .when().post("/callbacks/css" + query).then();
    }

    @Test
    void theTokenIsCheckedBeforeTheSignature() {
        given().contentType(ContentType.JSON).body(aPushStart(uniqueSequence(), uniqueStream()).signedWith("wrong").json())
                .when().post("/callbacks/css").then().statusCode(401)
                .body("type", equalTo("urn:pushledger:problem:url-token-mismatch"));
        given().contentType(ContentType.JSON).body(aPushStart(uniqueSequence(), uniqueStream()).signedWith("wrong").json())
                .when().post("/callbacks/css?token=url-secret-42").then().statusCode(401)
                .body("type", equalTo("urn:pushledger:problem:signature-mismatch"));
    }

    @Test
    void theRightTokenIsAdmitted() {
        post("?token=url-secret-42").statusCode(200);
    }

    @Test
    void noTokenOrAWrongOneIs401() {
        for (String query : new String[] {"", "?token=", "?token=url-secret-4", "?token=URL-SECRET-42"}) {
            post(query).statusCode(401).contentType("application/problem+json")
                    .body("type", equalTo("urn:pushledger:problem:url-token-mismatch"))
                    .body("detail", equalTo("The callback URL's token parameter is missing or wrong."));
        }
    }
}
