package io.pushledger.domain.port.out;

/** The store could not be reached, or did not answer in time; nothing of the transaction was committed. */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
