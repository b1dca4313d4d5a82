package io.pushledger.adapter.http.history;

import io.pushledger.adapter.http.problem.ProblemResponse;
import io.pushledger.domain.port.in.CountInterruptionsQuery;
import io.pushledger.domain.port.in.CountInterruptionsUseCase;
import io.pushledger.domain.port.in.InterruptionGrouping;
import io.pushledger.domain.port.in.Limits;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Why pushes ended, counted. */
@Path("/api/v1/stats/interruptions")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Statistics")
@SecurityRequirement(name = ApiDocs.BEARER)
@APIResponse(responseCode = "401", description = ApiDocs.UNAUTHORIZED,
        content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = ProblemResponse.class)))
public class InterruptionStatsResource {

    static final int DEFAULT_GROUPS = 100;
    private static final Set<String> PARAMETERS = SessionsResource.union(SessionFilterParameters.NAMES,
            Set.of("groupBy", "limit"));
    private static final Map<String, InterruptionGrouping> GROUPINGS = Map.of(
            "category", InterruptionGrouping.CATEGORY,
            "errcode", InterruptionGrouping.ERRCODE,
            "domain", InterruptionGrouping.DOMAIN,
            "streamId", InterruptionGrouping.STREAM_ID,
            "region", InterruptionGrouping.REGION);

    private final CountInterruptionsUseCase countInterruptions;

    public InterruptionStatsResource(CountInterruptionsUseCase countInterruptions) {
        this.countInterruptions = countInterruptions;
    }

    @GET
    @RunOnVirtualThread
    @Operation(summary = "Count interruptions",
            description = "Counts ended sessions matching the session filters, by groupBy, largest first. Here"
                    + " from/to bound endedAt (when the push was interrupted), half-open.")
    @APIResponse(responseCode = "200", description = "the counts",
            content = @Content(schema = @Schema(implementation = InterruptionStatsResponse.class)))
    @APIResponse(responseCode = "400", description = ApiDocs.BAD_REQUEST,
            content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = ProblemResponse.class)))
    public InterruptionStatsResponse count(
            @Context UriInfo uri,
            @BeanParam SessionFilterParameters filters,
            @QueryParam("groupBy") @Parameter(description = "what to count by",
                    schema = @Schema(type = SchemaType.STRING,
                            enumeration = {"category", "errcode", "domain", "streamId", "region"},
                            defaultValue = "category"))
            String groupBy,
            @QueryParam("limit") @Parameter(description = "at most this many groups, the largest",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "100"))
            String limit) {
        QueryParameters.allowOnly(uri, PARAMETERS);
        InterruptionGrouping grouping = QueryParameters.choice("groupBy", groupBy, GROUPINGS);
        if (grouping == null) {
            grouping = InterruptionGrouping.CATEGORY;
        }
        CountInterruptionsQuery query = new CountInterruptionsQuery(filters.criteria(), filters.range(), grouping,
                QueryParameters.integer("limit", limit, Limits.MIN, Limits.MAX, DEFAULT_GROUPS));
        return InterruptionStatsResponse.of(countInterruptions.count(query), grouping);
    }
}
