package io.pushledger.app;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The recording suite against the packaged application, started from outside in the prod profile. */
@QuarkusIntegrationTest
class CallbackRecordingIT extends CallbackRecordingTest {
}
