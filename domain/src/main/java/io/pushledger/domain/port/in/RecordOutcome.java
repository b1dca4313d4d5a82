package io.pushledger.domain.port.in;

import io.pushledger.domain.model.CallbackEvent;
import io.pushledger.domain.model.PushSession;

/**
 * What recording a callback did. {@code Recorded} and {@code Duplicate} are successes (Tencent gets its 200);
 * {@code Refused} is final too: the store will never hold this callback, so retrying it cannot help.
 */
public sealed interface RecordOutcome {

    CallbackEvent event();

    /** First delivery: the event is stored; {@code session} is the push session it changed (null for other kinds). */
    record Recorded(CallbackEvent event, PushSession session) implements RecordOutcome {
    }

    /** Delivered before: only its delivery count went up. */
    record Duplicate(CallbackEvent event) implements RecordOutcome {
    }

    /** The store refused the callback's content; {@code problem} says what, in words the sender may read. */
    record Refused(CallbackEvent event, String problem) implements RecordOutcome {
    }
}
