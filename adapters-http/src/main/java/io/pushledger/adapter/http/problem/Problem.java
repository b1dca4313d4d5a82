package io.pushledger.adapter.http.problem;

import jakarta.ws.rs.core.Response;

/**
 * A request that cannot be served as sent. Thrown inside the HTTP adapter only, and turned into a
 * problem+json answer by {@link ProblemMapper}; it carries nothing a client must not see.
 */
public class Problem extends RuntimeException {

    private final transient ProblemResponse response;
    private final String reason;

    public Problem(Response.StatusType status, String kind, String title, String detail) {
        this(status, kind, kind, title, detail);
    }

    /** With a {@code reason} finer than the problem type, for logs and metrics (e.g. which signature check failed). */
    public Problem(Response.StatusType status, String kind, String reason, String title, String detail) {
        super(detail, null, false, false);
        this.response = ProblemResponse.of(status, kind, title, detail);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    public ProblemResponse response() {
        return response;
    }
}
