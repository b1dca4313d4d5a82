package io.pushledger.domain.service;

import io.pushledger.domain.model.ReceivedCallback;
import io.pushledger.domain.port.in.CallbackPage;
import io.pushledger.domain.port.in.CallbackPosition;
import io.pushledger.domain.port.in.FindCallbacksQuery;
import io.pushledger.domain.port.in.FindCallbacksUseCase;
import io.pushledger.domain.port.out.CallbackHistory;
import java.util.List;

/** Pages through every callback received, newest first. */
public final class CallbackHistoryService implements FindCallbacksUseCase {

    private final CallbackHistory callbacks;

    public CallbackHistoryService(CallbackHistory callbacks) {
        this.callbacks = callbacks;
    }

    @Override
    public CallbackPage find(FindCallbacksQuery query) {
        List<ReceivedCallback> found = callbacks.list(query.eventType(), query.streamId(), query.received(),
                query.after(), query.limit() + 1);
        if (found.size() <= query.limit()) {
            return new CallbackPage(found, null);
        }
        List<ReceivedCallback> page = found.subList(0, query.limit());
        return new CallbackPage(page, CallbackPosition.of(page.getLast()));
    }
}
