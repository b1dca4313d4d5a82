package io.pushledger.app;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.Map;

/** Calls to the history API as an authorised client, and the time values tests seed with. */
final class HistoryApi {

    static final String TOKEN = "test-api-token";
    static final String ROTATED_TOKEN = "rotated-api-token";
    static final String ISO_UTC = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z";

    private HistoryApi() {
    }

    static RequestSpecification authorised() {
        return given().header("Authorization", "Bearer " + TOKEN);
    }

    static ValidatableResponse get(String path, Map<String, ?> query) {
        return authorised().queryParams(query).when().get(path).then();
    }

    static ValidatableResponse ok(String path, Map<String, ?> query) {
        return get(path, query).statusCode(200).contentType(ContentType.JSON);
    }

    /**
     * A start of a window of a few hours nobody else seeds into: somewhere in 1980–1999, to the second (in
     * the past, since a push dated more than a day ahead is refused).
     */
    static long aQuietHour() {
        return 315_532_800L + (long) (Math.random() * 600_000_000L);
    }
}
