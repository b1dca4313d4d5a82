package io.pushledger.domain.port.in;

/** The callback could not be stored (the database is unreachable or the write failed); Tencent should retry. */
public class CallbackNotStoredException extends RuntimeException {

    public CallbackNotStoredException(String message, Throwable cause) {
        super(message, cause);
    }
}
