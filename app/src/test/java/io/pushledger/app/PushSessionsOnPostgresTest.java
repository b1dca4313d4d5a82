package io.pushledger.app;

import io.pushledger.domain.port.out.PushSessions;
import io.pushledger.domain.port.out.PushSessionsContract;
import io.quarkus.test.TestTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The persistence adapter keeps the same contract as the in-memory fake, on the real PostgreSQL. */
@QuarkusTest
@TestTransaction
class PushSessionsOnPostgresTest extends PushSessionsContract {

    @Inject
    PushSessions sessions;

    @Override
    protected PushSessions pushSessions() {
        return sessions;
    }
}
