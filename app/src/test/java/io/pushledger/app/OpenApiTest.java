package io.pushledger.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The OpenAPI document describes the history API and its bearer scheme; Swagger UI is served. */
@QuarkusTest
class OpenApiTest {

    @Test
    void everyEndpointAndTheBearerSchemeAreDescribed() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/api/v1/sessions"))
                .body("paths", hasKey("/api/v1/sessions/{sequence}"))
                .body("paths", hasKey("/api/v1/stats/interruptions"))
                .body("paths", hasKey("/api/v1/error-codes"))
                .body("paths", hasKey("/api/v1/events"))
                .body("components.securitySchemes.bearer.type", equalTo("http"))
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                .body("paths.'/api/v1/sessions'.get.security[0]", hasKey("bearer"))
                .body("paths.'/api/v1/sessions'.get.parameters.name",
                        hasItems("streamId", "match", "domain", "appName", "status", "category", "abnormal",
                                "clientIp", "from", "to", "limit", "cursor"))
                .body("paths.'/api/v1/sessions'.get.responses.'400'.content.'application/problem+json'", notNullValue())
                .body("paths.'/api/v1/sessions/{sequence}'.get.responses", hasKey("404"))
                .body("paths.'/api/v1/events'.get.responses", hasKey("401"))
                .body("paths.'/api/v1/error-codes'.get.responses", hasKey("401"))
                .body("paths.'/api/v1/stats/interruptions'.get.parameters.name", hasItems("groupBy", "from", "to"));
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
