package io.pushledger.domain.port.in;

import io.pushledger.domain.model.PushSession;
import io.pushledger.domain.model.ReceivedCallback;
import java.util.List;

/** A session and every callback received for it, in the order of their event times. */
public record SessionTimeline(PushSession session, List<ReceivedCallback> events) {

    public SessionTimeline {
        if (session == null) {
            throw new IllegalArgumentException("a timeline needs its session");
        }
        events = List.copyOf(events);
    }
}
