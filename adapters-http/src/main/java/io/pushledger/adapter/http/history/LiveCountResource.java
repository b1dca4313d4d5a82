package io.pushledger.adapter.http.history;

import io.pushledger.adapter.http.problem.ProblemResponse;
import io.pushledger.domain.port.in.FindSessionsUseCase;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** How many pushes are live now: the console's Live now heading, which lists only the newest of them. */
@Path("/api/v1/stats/live")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Statistics")
@SecurityRequirement(name = ApiDocs.BEARER)
@APIResponse(responseCode = "401", description = ApiDocs.UNAUTHORIZED,
        content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = ProblemResponse.class)))
public class LiveCountResource {

    private final FindSessionsUseCase findSessions;

    public LiveCountResource(FindSessionsUseCase findSessions) {
        this.findSessions = findSessions;
    }

    @GET
    @RunOnVirtualThread
    @Operation(summary = "Count live pushes",
            description = "The sessions LIVE now, counted (those STALE aside); list them with /api/v1/sessions?status=LIVE.")
    @APIResponse(responseCode = "200", description = "the count",
            content = @Content(schema = @Schema(implementation = LiveCountResponse.class)))
    @APIResponse(responseCode = "400", description = ApiDocs.BAD_REQUEST,
            content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = ProblemResponse.class)))
    public LiveCountResponse count(@Context UriInfo uri) {
        QueryParameters.allowOnly(uri, Set.of());
        return new LiveCountResponse(findSessions.countLive());
    }

    @Schema(name = "LiveCount")
    public record LiveCountResponse(@Schema(description = "sessions LIVE now") long live) {
    }
}
