package io.pushledger.app;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.net.URI;
import org.eclipse.microprofile.config.ConfigProvider;

/** Requests to the management interface of the service under test: health and metrics, on a port of their own. */
final class Management {

    private Management() {
    }

    /** A request to the management interface, wherever the test started it (a free port). */
    static RequestSpecification management() {
        URI root = URI.create(ConfigProvider.getConfig().getValue("test.management.url", String.class));
        return given().baseUri(root.getScheme() + "://" + root.getHost()).port(root.getPort()).basePath("");
    }
}
