package io.pushledger.app;

import io.pushledger.domain.port.out.SessionLedger;
import io.pushledger.domain.port.out.SessionLedgerContract;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The persistence adapter keeps the same contract as the in-memory fake, on the real PostgreSQL. */
@QuarkusTest
class SessionLedgerOnPostgresTest extends SessionLedgerContract {

    @Inject
    SessionLedger sessions;

    @Override
    protected SessionLedger sessionLedger() {
        return sessions;
    }

    // Each contract test runs in a transaction, as the adapter does in service, and leaves nothing behind.
    @BeforeEach
    void beginTransaction() {
        QuarkusTransaction.begin();
    }

    @AfterEach
    void rollBack() {
        QuarkusTransaction.rollback();
    }
}
