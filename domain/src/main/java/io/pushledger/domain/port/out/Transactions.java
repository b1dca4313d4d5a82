package io.pushledger.domain.port.out;

import java.util.function.Supplier;

/** The store's transactions: work that is committed whole or not at all. */
public interface Transactions {

    /**
     * Runs the work in a transaction of its own and commits it before returning.
     *
     * @throws ContentRefusedException the store refused a value or a constraint of what was written: the same
     *     work will be refused again, whenever it is tried
     * @throws StoreUnavailableException the store could not be reached or did not answer in time: the same
     *     work may succeed later
     */
    <T> T inOne(Supplier<T> work);
}
