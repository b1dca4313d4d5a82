package io.pushledger.adapter.http.callback;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses an announced oversized callback before its body is read. Bodies sent without a length are
 * measured by {@link CssCallbackResource}.
 */
public class CallbackBodyLimitFilter {

    @ServerRequestFilter(preMatching = true)
    public Response refuseOversizedCallbacks(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null && request.getUriInfo().getPath().startsWith("/callbacks/")
                && length.chars().allMatch(Character::isDigit)
                && (length.length() > 9 || Long.parseLong(length) > CallbackProblems.MAX_BODY_BYTES)) {
            return CallbackProblems.tooLarge().response().toResponse();
        }
        return null;
    }
}
