package io.pushledger.adapter.http.history;

import io.pushledger.adapter.http.changes.ChangeStreamItem;
import io.pushledger.adapter.http.changes.SessionChangeHub;
import io.pushledger.adapter.http.problem.Problem;
import io.pushledger.adapter.http.problem.ProblemResponse;
import io.pushledger.domain.model.SessionChange;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.vertx.core.http.HttpServerResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The change stream: session changes as server-sent events, once committed, from every replica (ADR 14). */
@Path("/api/v1/changes")
@Authenticated
@Tag(name = "Changes", description = "session changes as they are committed, as server-sent events")
@SecurityRequirement(name = ApiDocs.BEARER)
@APIResponse(responseCode = "401", description = ApiDocs.UNAUTHORIZED,
        content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = ProblemResponse.class)))
public class SessionChangesResource {

    static final String LAST_EVENT_ID = "Last-Event-ID";
    private static final Pattern POSITION = Pattern.compile("[0-9]{1,18}");

    private final SessionChangeHub hub;

    public SessionChangesResource(SessionChangeHub hub) {
        this.hub = hub;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Follow session changes",
            description = "text/event-stream of the changes committed from now on, or after the position in"
                    + " Last-Event-ID. Events: started, ended, stale (data: the session as GET /api/v1/sessions"
                    + " shows it; id: the change's position), reset (the changes after Last-Event-ID are no longer all"
                    + " kept: reload, then go on from its id). A comment every 15 s keeps the connection open.")
    @APIResponse(responseCode = "200", description = "the stream", content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS))
    @APIResponse(responseCode = "400", description = "an unknown query parameter, or a Last-Event-ID that is no position",
            content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = ProblemResponse.class)))
    public Multi<OutboundSseEvent> follow(@Context UriInfo uri, @Context Sse sse, @Context HttpServerResponse response,
            @HeaderParam(LAST_EVENT_ID) @Parameter(description = "the id of the last event received, to resume after it")
            String lastEventId) {
        QueryParameters.allowOnly(uri, Set.of());
        return hub.follow(position(lastEventId)).map(item -> event(sse, item))
                // Cut off by the hub (it took nothing for the stall timeout): the connection is closed at once, as
                // its socket takes no more bytes, and the client resumes with its Last-Event-ID.
                .onFailure(SessionChangeHub.StalledFollower.class).recoverWithMulti(() -> {
                    response.reset();
                    return Multi.createFrom().empty();
                });
    }

    private static OptionalLong position(String lastEventId) {
        if (lastEventId == null) {
            return OptionalLong.empty();
        }
        if (!POSITION.matcher(lastEventId).matches()) {
            throw new Problem(Status.BAD_REQUEST, "invalid-header", "Invalid header",
                    "Last-Event-ID must be the id of an event of this stream.");
        }
        return OptionalLong.of(Long.parseLong(lastEventId));
    }

    private static OutboundSseEvent event(Sse sse, ChangeStreamItem item) {
        return switch (item) {
            case ChangeStreamItem.Change(SessionChange change) -> sse.newEventBuilder()
                    .id(Long.toString(change.position()))
                    .name(switch (change.status()) {
                        case LIVE -> "started";
                        case ENDED -> "ended";
                        case STALE -> "stale";
                    })
                    .mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data(SessionResponse.class, SessionResponse.of(change.session()))
                    .build();
            case ChangeStreamItem.Reset(long position) -> sse.newEventBuilder()
                    .id(Long.toString(position))
                    .name("reset")
                    .mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data(Map.class, Map.of("position", position))
                    .build();
            case ChangeStreamItem.KeepAlive() -> sse.newEventBuilder().comment("keep-alive").build();
        };
    }
}
