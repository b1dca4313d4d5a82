package io.pushledger.adapter.http.callback;

import io.pushledger.adapter.http.problem.Problem;
import jakarta.ws.rs.core.Response.Status;

/** The ways a callback is refused, in the order SPEC §1 checks them. */
final class CallbackProblems {

    static final int MAX_BODY_BYTES = 64 * 1024;

    private CallbackProblems() {
    }

    static Problem tooLarge() {
        return new Problem(Status.REQUEST_ENTITY_TOO_LARGE, "payload-too-large", "Callback too large",
                "The callback body is larger than " + MAX_BODY_BYTES + " bytes (64 KiB).");
    }

    static Problem malformed(String detail) {
        return new Problem(Status.BAD_REQUEST, "malformed-json", "Malformed callback", detail);
    }

    /** A 401 whose problem type is its reason ({@code signature-expired}, {@code url-token-mismatch} …). */
    static Problem unauthenticated(String reason, String detail) {
        return new Problem(Status.UNAUTHORIZED, reason, "Callback not authentic", detail);
    }

    static Problem unstorable(String problem) {
        return new Problem(Status.BAD_REQUEST, "unstorable-content", "Callback content refused by the database",
                problem + ". This callback will be refused again however often it is sent.");
    }

    static Problem invalidField(String field, String detail) {
        return new Problem(Status.BAD_REQUEST, "invalid-field", "Invalid callback field", field + " " + detail);
    }
}
