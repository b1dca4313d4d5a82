package io.pushledger.adapter.http.problem;

import io.pushledger.domain.port.in.CallbackNotStoredException;
import io.pushledger.domain.port.in.HistoryUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place where failures become status codes and problem+json bodies. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response problem(Problem problem) {
        return problem.response().toResponse();
    }

    @ServerExceptionMapper
    public Response notStored(CallbackNotStoredException e) {
        LOG.warnf("Callback not stored, answering 503 so that Tencent retries: %s", e.getMessage());
        return Response.fromResponse(ProblemResponse.of(Status.SERVICE_UNAVAILABLE, "storage-unavailable",
                        "Storage unavailable",
                        "The callback could not be stored right now; it will be accepted when retried.")
                .toResponse()).header("Retry-After", "10").build();
    }

    /** A history read that could not run now: the client may retry, with narrower filters if it timed out. */
    @ServerExceptionMapper
    public Response historyUnavailable(HistoryUnavailableException e) {
        LOG.warnf("History read not served, answering 503: %s", e.getMessage());
        ProblemResponse problem = switch (e.reason()) {
            case TIMED_OUT -> ProblemResponse.of(Status.SERVICE_UNAVAILABLE, "read-timeout", "History read timed out",
                    "The read took longer than the history API allows; narrow the filters or the time window.");
            case BUSY -> ProblemResponse.of(Status.SERVICE_UNAVAILABLE, "history-busy", "History busy",
                    "Too many history reads are running; retry shortly.");
            case UNREACHABLE -> ProblemResponse.of(Status.SERVICE_UNAVAILABLE, "storage-unavailable",
                    "Storage unavailable", "The history cannot be read right now; retry shortly.");
        };
        return Response.fromResponse(problem.toResponse()).header("Retry-After", "10").build();
    }

    /** The framework's own refusals (404, 405, 406, 415 …) in the same shape. */
    @ServerExceptionMapper
    public Response framework(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (status.getStatusCode() >= 500) {
            return unexpected(e);
        }
        return ProblemResponse.of(status, "http-" + status.getStatusCode(), status.getReasonPhrase(),
                status.getReasonPhrase() + ".").toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.error("Unexpected failure while serving a request", e);
        return ProblemResponse.of(Status.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "The request failed unexpectedly; the failure is logged.").toResponse();
    }
}
