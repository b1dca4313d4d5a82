package io.pushledger.adapter.http.callback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushledger.adapter.http.problem.Problem;
import io.pushledger.adapter.http.problem.ProblemResponse;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response.Status;
import java.time.Duration;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The bounds of a request body on the service port, before any resource sees it, each answered with
 * problem+json and a closed connection (after a short linger, so that the answer reaches the client): more
 * than 64 KiB (announced, or counted as a chunked body arrives: never buffered beyond that) is 413; a body still arriving {@code pushledger.http.body-timeout} after
 * its headers is 408, so a slow sender cannot hold its buffer for long. Runs just before Quarkus' own
 * body-size check, whose limit ({@code quarkus.http.limits.max-body-size}) sits just above as a backstop.
 */
@ApplicationScoped
public class TransportLimits {

    private static final Duration LINGER = Duration.ofSeconds(2);
    private static final long LINGER_BYTES = 1024 * 1024;
    private static final Set<HttpMethod> BODY_METHODS = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

    private final CallbackObserver observer;
    private final ObjectMapper json;
    private final long bodyTimeoutMillis;
    private final BodyHandler bodiesOfUnknownLength =
            BodyHandler.create(false).setBodyLimit(CallbackProblems.MAX_BODY_BYTES);

    TransportLimits(CallbackObserver observer, ObjectMapper json,
            @ConfigProperty(name = "pushledger.http.body-timeout") Duration bodyTimeout) {
        this.observer = observer;
        this.json = json;
        this.bodyTimeoutMillis = bodyTimeout.toMillis();
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1)
                .handler(this::bound)
                .failureHandler(this::answerFailedBody);
    }

    private void bound(RoutingContext context) {
        HttpServerRequest request = context.request();
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && isOverLimit(length)) {
            refuse(context, CallbackProblems.tooLarge());
            return;
        }
        // HTTP/1.1 announces a body of unknown length as chunked; HTTP/2 sends any body without a length.
        boolean lengthUnknown = length == null && (request.headers().contains(HttpHeaders.TRANSFER_ENCODING)
                || request.version() == HttpVersion.HTTP_2 && BODY_METHODS.contains(request.method()));
        if (lengthUnknown || length != null && !"0".equals(length)) {
            // Whoever reads the body (a resource, or the body handler below) takes it to its end before
            // answering: a request not ended when the timer fires is a body still arriving.
            long timer = context.vertx().setTimer(bodyTimeoutMillis, expired -> {
                if (!request.isEnded() && !context.response().headWritten()) {
                    refuse(context, tooSlow());
                }
            });
            context.addEndHandler(ended -> context.vertx().cancelTimer(timer));
        }
        if (lengthUnknown) {
            // Counted while it is read here; the resources then take it from the context.
            bodiesOfUnknownLength.handle(context);
        } else {
            context.next();
        }
    }

    private void answerFailedBody(RoutingContext context) {
        boolean tooLarge = context.statusCode() == Status.REQUEST_ENTITY_TOO_LARGE.getStatusCode();
        if (tooLarge && !context.response().headWritten()) {
            refuse(context, CallbackProblems.tooLarge());
        } else {
            context.next();
        }
    }

    /**
     * A client sends its whole body before it reads the answer; closing with that body unread resets the
     * connection, and the reset takes the answer with it. So, as nginx's lingering close does, what the client
     * still sends is read and dropped — never kept — until the body ends, {@link #LINGER_BYTES} more have come
     * or {@link #LINGER} has passed, whichever is first.
     */
    private static void closeAfterLingering(RoutingContext context) {
        HttpServerRequest request = context.request();
        HttpConnection connection = request.connection();
        if (request.isEnded()) {
            connection.close();
            return;
        }
        // Closing a closed connection does nothing: the timer is left to fire.
        context.vertx().setTimer(LINGER.toMillis(), expired -> connection.close());
        long[] dropped = {0};
        request.handler(data -> {
            dropped[0] += data.length();
            if (dropped[0] > LINGER_BYTES) {
                connection.close();
            }
        });
        request.endHandler(ended -> connection.close());
        request.resume();
    }

    private static boolean isOverLimit(String length) {
        return !length.isEmpty() && length.chars().allMatch(Character::isDigit)
                && (length.length() > 9 || Long.parseLong(length) > CallbackProblems.MAX_BODY_BYTES);
    }

    private Problem tooSlow() {
        return new Problem(Status.REQUEST_TIMEOUT, "body-timeout", "Request body too slow",
                "The request body did not arrive within " + bodyTimeoutMillis + " ms of its headers.");
    }

    private void refuse(RoutingContext context, Problem problem) {
        if (context.request().path().startsWith("/callbacks/")) {
            observer.refused(problem, context.request().remoteAddress().hostAddress());
        }
        ProblemResponse body = problem.response();
        HttpServerResponse response = context.response();
        try {
            response.setStatusCode(body.status()).putHeader(HttpHeaders.CONTENT_TYPE, ProblemResponse.MEDIA_TYPE);
            if (context.request().version() != HttpVersion.HTTP_2) {
                // The connection closes once the answer is out (HTTP/2 ends the request's stream alone).
                response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE)
                        .endHandler(written -> closeAfterLingering(context));
            }
            response.end(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            context.fail(e);
        }
    }
}
