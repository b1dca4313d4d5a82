package io.pushledger.domain.port.in;

import io.pushledger.domain.model.InterruptionCategory;
import io.pushledger.domain.model.SessionStatus;

/**
 * What push sessions to select; a null criterion selects everything. {@code category} and
 * {@code abnormal} concern the interruption, so they select ended sessions only.
 */
public record SessionCriteria(
        StreamMatch stream,
        String domain,
        String appName,
        SessionStatus status,
        InterruptionCategory category,
        Boolean abnormal,
        String clientIp) {

    public static final SessionCriteria ANY = new SessionCriteria(null, null, null, null, null, null, null);
}
