package io.pushledger.adapter.http.history;

import io.pushledger.adapter.http.problem.Problem;
import io.pushledger.adapter.http.problem.ProblemResponse;
import io.pushledger.domain.model.Sequence;
import io.pushledger.domain.port.in.FindSessionsQuery;
import io.pushledger.domain.port.in.FindSessionsUseCase;
import io.pushledger.domain.port.in.Limits;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Push sessions, newest first, and one session with its callbacks. */
@Path("/api/v1/sessions")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sessions", description = "push sessions: live now, a stream's history, one push's timeline")
@SecurityScheme(securitySchemeName = ApiDocs.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "one of the tokens configured in PUSHLEDGER_API_TOKENS")
@SecurityRequirement(name = ApiDocs.BEARER)
@APIResponse(responseCode = "401", description = ApiDocs.UNAUTHORIZED,
        content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = ProblemResponse.class)))
public class SessionsResource {

    private static final Set<String> LIST_PARAMETERS = union(SessionFilterParameters.NAMES, Set.of("limit", "cursor"));

    private final FindSessionsUseCase findSessions;

    public SessionsResource(FindSessionsUseCase findSessions) {
        this.findSessions = findSessions;
    }

    @GET
    @RunOnVirtualThread
    @Operation(summary = "List sessions",
            description = "Newest first (startedAt descending, then sequence). from/to bound startedAt, half-open."
                    + " category and abnormal select ended sessions only. Page with nextCursor.")
    @APIResponse(responseCode = "200", description = "a page of sessions",
            content = @Content(schema = @Schema(implementation = SessionPageResponse.class)))
    @APIResponse(responseCode = "400", description = ApiDocs.BAD_REQUEST,
            content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = ProblemResponse.class)))
    public SessionPageResponse list(
            @Context UriInfo uri,
            @BeanParam SessionFilterParameters filters,
            @QueryParam("limit") @Parameter(description = "page size",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50"))
            String limit,
            @QueryParam(Cursors.PARAMETER) @Parameter(description = "nextCursor of the previous page") String cursor) {
        QueryParameters.allowOnly(uri, LIST_PARAMETERS);
        FindSessionsQuery query = new FindSessionsQuery(filters.criteria(), filters.range(),
                QueryParameters.integer("limit", limit, Limits.MIN, Limits.MAX, Limits.DEFAULT),
                Cursors.sessionPosition(cursor));
        return SessionPageResponse.of(findSessions.find(query));
    }

    @GET
    @Path("/{sequence}")
    @RunOnVirtualThread
    @Operation(summary = "One session with its events",
            description = "The session and every callback received for it: event type, event time, first receipt, deliveries.")
    @APIResponse(responseCode = "200", description = "the session",
            content = @Content(schema = @Schema(implementation = SessionTimelineResponse.class)))
    @APIResponse(responseCode = "400", description = ApiDocs.BAD_REQUEST,
            content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = ProblemResponse.class)))
    @APIResponse(responseCode = "404", description = "no callback of this push was received",
            content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = ProblemResponse.class)))
    public SessionTimelineResponse one(@Context UriInfo uri,
            @PathParam("sequence") @Parameter(description = "the push's sequence") String sequence) {
        QueryParameters.allowOnly(uri, Set.of());
        return known(sequence)
                .flatMap(findSessions::timeline)
                .map(SessionTimelineResponse::of)
                .orElseThrow(() -> new Problem(Status.NOT_FOUND, "session-not-found", "Session not found",
                        "No callback of a push with this sequence was received."));
    }

    /** A sequence that cannot be valid cannot be known either. */
    private static Optional<Sequence> known(String sequence) {
        try {
            return Optional.of(new Sequence(sequence));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
