package io.pushledger.domain.port.in;

/**
 * The history could not be read right now; the same read may succeed later. Thrown by the history's
 * driven ports and passed on by the use cases; the client gets a 503 it may retry.
 */
public class HistoryUnavailableException extends RuntimeException {

    /** Why the read did not happen. */
    public enum Reason {
        /** The read took longer than a history read may (PostgreSQL's statement_timeout cancelled it). */
        TIMED_OUT,
        /** Every connection of the history's pool was busy with other reads for longer than a read waits. */
        BUSY,
        /** The database did not answer. */
        UNREACHABLE
    }

    private final Reason reason;

    public HistoryUnavailableException(Reason reason, Throwable cause) {
        super(reason + ": " + cause.getMessage(), cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
