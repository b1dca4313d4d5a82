package io.pushledger.adapter.http.history;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.pushledger.domain.model.ReceivedCallback;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A received callback of any kind with its JSON body as stored. */
@Schema(name = "Event")
public record CallbackResponse(
        long id,
        int eventType,
        @Schema(description = "for push callbacks (eventType 0 and 1)", nullable = true) String sequence,
        @Schema(nullable = true) String streamId,
        @Schema(nullable = true) Instant eventTime,
        @Schema(description = "when the first delivery was received") Instant receivedAt,
        @Schema(description = "when the latest delivery was received") Instant lastReceivedAt,
        int deliveries,
        @Schema(type = SchemaType.OBJECT, description = "the callback's JSON body: every field and character as received,"
                + " except the values of sign and of a txSecret in stream_param, which read \"redacted\"")
        @JsonRawValue String body) {

    static CallbackResponse of(ReceivedCallback c) {
        return new CallbackResponse(c.id(), c.eventType(), c.sequence(), c.streamId(), c.eventTime(), c.receivedAt(),
                c.lastReceivedAt(), c.deliveries(), Secrets.body(c.body()));
    }
}
