package io.pushledger.adapter.http.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushledger.adapter.http.problem.ProblemResponse;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response.Status;
import java.util.Set;

/**
 * {@code Authorization: Bearer <token>} for the history API. Without the header the request stays
 * anonymous and the path's policy decides; a token that is not configured fails. Either way the
 * challenge is a 401 problem+json with {@code WWW-Authenticate: Bearer} (RFC 6750).
 */
@ApplicationScoped
public class BearerTokenMechanism implements HttpAuthenticationMechanism {

    static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    static final String CHALLENGE = "Bearer realm=\"pushledger\"";
    static final String INVALID_TOKEN = CHALLENGE + ", error=\"invalid_token\"";
    static final String NO_TOKEN = "Send Authorization: Bearer <token> with one of the configured API tokens.";
    static final String WRONG_TOKEN = "The bearer token is not one of the configured API tokens.";
    private static final String PREFIX = "Bearer ";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String token = bearerToken(context);
        if (token == null) {
            return Uni.createFrom().nullItem();
        }
        TokenAuthenticationRequest request = new TokenAuthenticationRequest(new TokenCredential(token, "bearer"));
        return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(request, context));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(Status.UNAUTHORIZED.getStatusCode(),
                WWW_AUTHENTICATE, challenge(context)));
    }

    /** The default challenge has no body; every PushLedger error has a problem+json one. */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        if (context.response().ended()) {
            return Uni.createFrom().item(true);
        }
        ProblemResponse problem = problem(bearerToken(context) != null ? WRONG_TOKEN : NO_TOKEN);
        context.response()
                .setStatusCode(Status.UNAUTHORIZED.getStatusCode())
                .putHeader(WWW_AUTHENTICATE, challenge(context))
                .putHeader(HttpHeaders.CONTENT_TYPE, ProblemResponse.MEDIA_TYPE);
        return Uni.createFrom().completionStage(context.response().end(json(problem)).toCompletionStage())
                .replaceWith(true);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer"));
    }

    static ProblemResponse problem(String detail) {
        return ProblemResponse.of(Status.UNAUTHORIZED, "unauthenticated", "Authentication required", detail);
    }

    private static String challenge(RoutingContext context) {
        return bearerToken(context) == null ? CHALLENGE : INVALID_TOKEN;
    }

    /** The token of a Bearer Authorization header (scheme case-insensitive), or null. */
    private static String bearerToken(RoutingContext context) {
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return null;
        }
        String token = header.substring(PREFIX.length()).strip();
        return token.isEmpty() ? null : token;
    }

    private static String json(ProblemResponse problem) {
        try {
            return JSON.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem is plain data", e);
        }
    }
}
