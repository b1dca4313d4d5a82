package io.pushledger.domain.port.in;

import io.pushledger.domain.model.ReceivedCallback;
import java.util.List;

/** A page of received callbacks, newest first; {@code next} is where the following page starts, null on the last. */
public record CallbackPage(List<ReceivedCallback> items, CallbackPosition next) {

    public CallbackPage {
        items = List.copyOf(items);
    }
}
