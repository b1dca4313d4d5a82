package io.pushledger.domain.fakes;

import io.pushledger.domain.port.out.Transactions;
import java.util.function.Supplier;

/**
 * {@link Transactions} for the in-memory fakes: runs the work at once and counts the transactions. The fakes
 * cannot roll back, so a test that makes a transaction fail must fail it before anything is written.
 */
public final class InMemoryTransactions implements Transactions {

    private int count;

    @Override
    public synchronized <T> T inOne(Supplier<T> work) {
        count++;
        return work.get();
    }

    public synchronized int count() {
        return count;
    }
}
