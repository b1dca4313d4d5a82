package io.pushledger.adapter.http.callback;

import io.pushledger.adapter.http.problem.Problem;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses an announced oversized callback before its body is read. Bodies sent without a length are
 * measured by {@link CssCallbackResource}.
 */
public class CallbackBodyLimitFilter {

    private final CallbackObserver observer;

    public CallbackBodyLimitFilter(CallbackObserver observer) {
        this.observer = observer;
    }

    @ServerRequestFilter(preMatching = true)
    public Response refuseOversizedCallbacks(ContainerRequestContext request, HttpServerRequest connection) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null && request.getUriInfo().getPath().startsWith("/callbacks/")
                && length.chars().allMatch(Character::isDigit)
                && (length.length() > 9 || Long.parseLong(length) > CallbackProblems.MAX_BODY_BYTES)) {
            Problem tooLarge = CallbackProblems.tooLarge();
            observer.refused(tooLarge, connection.remoteAddress().hostAddress());
            return tooLarge.response().toResponse();
        }
        return null;
    }
}
