package io.pushledger.app;

import io.pushledger.domain.port.out.CallbackEvents;
import io.pushledger.domain.port.out.CallbackEventsContract;
import io.quarkus.test.TestTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The persistence adapter keeps the same contract as the in-memory fake, on the real PostgreSQL. */
@QuarkusTest
@TestTransaction
class CallbackEventsOnPostgresTest extends CallbackEventsContract {

    @Inject
    CallbackEvents events;

    @Override
    protected CallbackEvents callbackEvents() {
        return events;
    }
}
