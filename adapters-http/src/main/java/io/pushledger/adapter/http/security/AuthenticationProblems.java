package io.pushledger.adapter.http.security;

import io.pushledger.adapter.http.problem.ProblemResponse;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Authentication failures that reach the REST layer (a token checked there, or an anonymous call to an
 * {@code @Authenticated} resource) get the same 401 problem and challenge as {@link BearerTokenMechanism} sends.
 */
public class AuthenticationProblems {

    @ServerExceptionMapper
    public Response wrongToken(AuthenticationFailedException e) {
        return unauthorized(BearerTokenMechanism.INVALID_TOKEN, BearerTokenMechanism.WRONG_TOKEN);
    }

    @ServerExceptionMapper
    public Response noToken(UnauthorizedException e) {
        return unauthorized(BearerTokenMechanism.CHALLENGE, BearerTokenMechanism.NO_TOKEN);
    }

    private static Response unauthorized(String challenge, String detail) {
        return Response.fromResponse(BearerTokenMechanism.problem(detail).toResponse())
                .header(BearerTokenMechanism.WWW_AUTHENTICATE, challenge)
                .build();
    }
}
