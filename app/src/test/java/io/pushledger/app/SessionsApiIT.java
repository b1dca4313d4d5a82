package io.pushledger.app;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same checks against the packaged application. */
@QuarkusIntegrationTest
class SessionsApiIT extends SessionsApiTest {
}
