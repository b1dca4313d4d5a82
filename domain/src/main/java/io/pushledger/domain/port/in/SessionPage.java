package io.pushledger.domain.port.in;

import io.pushledger.domain.model.PushSession;
import java.util.List;

/** A page of sessions, newest first; {@code next} is where the following page starts, null on the last. */
public record SessionPage(List<PushSession> items, SessionPosition next) {

    public SessionPage {
        items = List.copyOf(items);
    }
}
