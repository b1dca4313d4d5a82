package io.pushledger.adapter.http.history;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.pushledger.domain.model.ReceivedCallback;
import io.pushledger.domain.port.in.SessionTimeline;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A session's fields and, in {@code events}, every callback received for it. */
@Schema(name = "SessionWithEvents")
public record SessionTimelineResponse(@JsonUnwrapped SessionResponse session, List<EventResponse> events) {

    static SessionTimelineResponse of(SessionTimeline timeline) {
        return new SessionTimelineResponse(SessionResponse.of(timeline.session()),
                timeline.events().stream().map(EventResponse::of).toList());
    }

    @Schema(name = "SessionEvent")
    public record EventResponse(
            @Schema(description = "1 push started, 0 push interrupted") int eventType,
            @Schema(description = "event_time as Tencent sent it") Instant eventTime,
            @Schema(description = "when the first delivery was received") Instant receivedAt,
            @Schema(description = "when the latest delivery was received") Instant lastReceivedAt,
            @Schema(description = "how many times the callback was received (Tencent retries)") int deliveries) {

        static EventResponse of(ReceivedCallback callback) {
            return new EventResponse(callback.eventType(), callback.eventTime(), callback.receivedAt(),
                    callback.lastReceivedAt(), callback.deliveries());
        }
    }
}
