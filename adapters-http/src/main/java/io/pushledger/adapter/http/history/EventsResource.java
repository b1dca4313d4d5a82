package io.pushledger.adapter.http.history;

import io.pushledger.adapter.http.problem.ProblemResponse;
import io.pushledger.domain.port.in.FindCallbacksQuery;
import io.pushledger.domain.port.in.FindCallbacksUseCase;
import io.pushledger.domain.port.in.Limits;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Every callback received, of every kind, newest first. */
@Path("/api/v1/events")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Events", description = "raw callbacks of every kind")
@SecurityRequirement(name = ApiDocs.BEARER)
@APIResponse(responseCode = "401", description = ApiDocs.UNAUTHORIZED,
        content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = ProblemResponse.class)))
public class EventsResource {

    private static final Set<String> PARAMETERS = Set.of("eventType", "streamId", "from", "to", "limit", Cursors.PARAMETER);

    private final FindCallbacksUseCase findCallbacks;

    public EventsResource(FindCallbacksUseCase findCallbacks) {
        this.findCallbacks = findCallbacks;
    }

    @GET
    @RunOnVirtualThread
    @Operation(summary = "List received callbacks",
            description = "Newest first by first receipt; from/to bound that receipt, half-open. Each with its JSON body.")
    @APIResponse(responseCode = "200", description = "a page of callbacks",
            content = @Content(schema = @Schema(implementation = CallbackPageResponse.class)))
    @APIResponse(responseCode = "400", description = ApiDocs.BAD_REQUEST,
            content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = ProblemResponse.class)))
    public CallbackPageResponse list(
            @Context UriInfo uri,
            @QueryParam("eventType") @Parameter(description = "1 push started, 0 push interrupted, 100 recording, 200 screenshot, …",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "0")) String eventType,
            @QueryParam("streamId") @Parameter(description = "exact stream_id") String streamId,
            @QueryParam("from") @Parameter(description = "inclusive lower bound on receipt: ISO-8601 instant or unix epoch seconds")
            String from,
            @QueryParam("to") @Parameter(description = "exclusive upper bound on receipt: ISO-8601 instant or unix epoch seconds")
            String to,
            @QueryParam("limit") @Parameter(description = "page size",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50"))
            String limit,
            @QueryParam(Cursors.PARAMETER) @Parameter(description = "nextCursor of the previous page") String cursor) {
        QueryParameters.allowOnly(uri, PARAMETERS);
        FindCallbacksQuery query = new FindCallbacksQuery(
                QueryParameters.integer("eventType", eventType, 0, Integer.MAX_VALUE),
                QueryParameters.text("streamId", streamId),
                QueryParameters.range("from", QueryParameters.instant("from", from), "to", QueryParameters.instant("to", to)),
                QueryParameters.integer("limit", limit, Limits.MIN, Limits.MAX, Limits.DEFAULT),
                Cursors.callbackPosition(cursor));
        return CallbackPageResponse.of(findCallbacks.find(query));
    }
}
