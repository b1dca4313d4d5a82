package io.pushledger.domain.port.in;

import io.pushledger.domain.model.CallbackEvent;
import io.pushledger.domain.model.PushSession;

/** What recording a callback did. Both outcomes are successes: Tencent gets its 200 either way. */
public sealed interface RecordOutcome {

    CallbackEvent event();

    /** First delivery: the event is stored; {@code session} is the push session it changed (null for other kinds). */
    record Recorded(CallbackEvent event, PushSession session) implements RecordOutcome {
    }

    /** Delivered before: only its delivery count went up. */
    record Duplicate(CallbackEvent event) implements RecordOutcome {
    }
}
