package io.pushledger.app;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The probes of the packaged application, as an orchestrator calls them. */
@QuarkusIntegrationTest
class HealthIT extends HealthTest {
}
