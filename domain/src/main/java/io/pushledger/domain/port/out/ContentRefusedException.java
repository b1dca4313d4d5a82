package io.pushledger.domain.port.out;

/** The store refused what was written for its content (a value it cannot hold, a constraint it breaks). */
public class ContentRefusedException extends RuntimeException {

    /** {@code problem} names what was refused in words a caller may read. */
    public ContentRefusedException(String problem, Throwable cause) {
        super(problem, cause);
    }
}
