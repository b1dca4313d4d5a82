package io.pushledger.domain.model;

import java.time.Instant;

/**
 * What both push callbacks report about a push, as Tencent sent it. Everything but the path and
 * the event time may be absent (null).
 */
public record PushDetails(
        StreamPath path,
        Instant eventTime,
        Long appId,
        String channelId,
        String node,
        String clientIp,
        String streamParam,
        Integer setId,
        Integer idcId,
        Integer width,
        Integer height) {

    public PushDetails {
        if (path == null || eventTime == null) {
            throw new IllegalArgumentException("push details need a stream path and an event time");
        }
    }
}
