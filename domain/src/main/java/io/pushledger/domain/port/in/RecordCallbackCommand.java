package io.pushledger.domain.port.in;

import io.pushledger.domain.model.CallbackEvent;

/** An authentic callback and its body exactly as received (JSON text), which is kept. */
public record RecordCallbackCommand(CallbackEvent event, String body) {

    public RecordCallbackCommand {
        if (event == null) {
            throw new IllegalArgumentException("a callback to record needs its event");
        }
        if (body == null || body.isEmpty()) {
            throw new IllegalArgumentException("a callback to record needs its body");
        }
    }
}
