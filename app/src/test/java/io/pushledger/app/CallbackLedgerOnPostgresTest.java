package io.pushledger.app;

import io.pushledger.domain.port.out.CallbackLedger;
import io.pushledger.domain.port.out.CallbackLedgerContract;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The persistence adapter keeps the same contract as the in-memory fake, on the real PostgreSQL. */
@QuarkusTest
class CallbackLedgerOnPostgresTest extends CallbackLedgerContract {

    @Inject
    CallbackLedger events;

    @Override
    protected CallbackLedger callbackLedger() {
        return events;
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
