package io.pushledger.adapter.http.history;

import io.pushledger.adapter.http.problem.ProblemResponse;
import io.quarkus.security.Authenticated;
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

/** The interruption taxonomy as data. */
@Path("/api/v1/error-codes")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Statistics")
@SecurityRequirement(name = ApiDocs.BEARER)
@APIResponse(responseCode = "401", description = ApiDocs.UNAUTHORIZED,
        content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = ProblemResponse.class)))
public class ErrorCodesResource {

    private static final ErrorCodesResponse TAXONOMY = ErrorCodesResponse.taxonomy();

    @GET
    @Operation(summary = "Interruption categories and their error codes",
            description = "Tencent's stream-pushing error codes grouped into categories; unlisted codes are UNKNOWN.")
    @APIResponse(responseCode = "200", description = "the taxonomy",
            content = @Content(schema = @Schema(implementation = ErrorCodesResponse.class)))
    @APIResponse(responseCode = "400", description = ApiDocs.BAD_REQUEST,
            content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = ProblemResponse.class)))
    public ErrorCodesResponse errorCodes(@Context UriInfo uri) {
        QueryParameters.allowOnly(uri, Set.of());
        return TAXONOMY;
    }
}
