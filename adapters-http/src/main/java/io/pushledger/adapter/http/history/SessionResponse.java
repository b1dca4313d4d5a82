package io.pushledger.adapter.http.history;

import io.pushledger.domain.model.Interruption;
import io.pushledger.domain.model.InterruptionCategory;
import io.pushledger.domain.model.PushSession;
import io.pushledger.domain.model.Region;
import io.pushledger.domain.model.SessionStatus;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A push session as the API shows it (SPEC §2). Absent values are null. */
@Schema(name = "Session")
public record SessionResponse(
        String sequence,
        SessionStatus status,
        Long appId,
        String domain,
        String appName,
        String streamId,
        String channelId,
        Instant startedAt,
        @Schema(description = "true when only the interruption is known and startedAt is endedAt minus durationMs")
        boolean startInferred,
        Instant endedAt,
        Long durationMs,
        @Schema(description = "why the push ended; null while it has not")
        InterruptionResponse interruption,
        String clientIp,
        String node,
        @Schema(description = "the push URL's parameters, with the value of a txSecret reading \"redacted\"")
        String streamParam,
        Integer setId,
        Region region,
        Integer idcId,
        Integer width,
        Integer height) {

    static SessionResponse of(PushSession s) {
        return new SessionResponse(s.sequence().value(), s.status(), s.appId(), s.path().domain(), s.path().appName(),
                s.path().streamId().value(), s.channelId(), s.startedAt(), s.startInferred(), s.endedAt(),
                s.durationMs(), InterruptionResponse.of(s.interruption()), s.clientIp(), s.node(),
                Secrets.streamParam(s.streamParam()), s.setId(), s.region(), s.idcId(), s.width(), s.height());
    }

    @Schema(name = "Interruption")
    public record InterruptionResponse(Integer errcode, String errmsg,
            InterruptionCategory category, boolean abnormal) {

        static InterruptionResponse of(Interruption interruption) {
            return interruption == null ? null : new InterruptionResponse(interruption.errcode(), interruption.errmsg(),
                    interruption.category(), interruption.abnormal());
        }
    }
}
