package io.pushledger.app;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The refusals against the packaged application, started from outside in the prod profile. */
@QuarkusIntegrationTest
class CallbackRejectionIT extends CallbackRejectionTest {
}
