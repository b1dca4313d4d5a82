package io.pushledger.adapter.http.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem detail, the body of every error PushLedger answers. Registered for reflection
 * because it only travels inside {@link Response} entities, which Quarkus does not look into when it
 * registers resource return types for a native image.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemResponse(String type, String title, int status, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType MEDIA = MediaType.valueOf(MEDIA_TYPE);

    private static final String TYPE_PREFIX = "urn:pushledger:problem:";

    public static ProblemResponse of(Response.StatusType status, String kind, String title, String detail) {
        return new ProblemResponse(TYPE_PREFIX + kind, title, status.getStatusCode(), detail);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA).entity(this).build();
    }
}
