package io.pushledger.domain.service;

import io.pushledger.domain.model.ReceivedCallback;
import io.pushledger.domain.port.in.CallbackPage;
import io.pushledger.domain.port.in.CallbackPosition;
import io.pushledger.domain.port.in.FindCallbacksQuery;
import io.pushledger.domain.port.in.FindCallbacksUseCase;
import io.pushledger.domain.port.out.CallbackLog;
import java.util.List;

/** Pages through every callback received, newest first. */
public final class CallbackLogService implements FindCallbacksUseCase {

    private final CallbackLog log;

    public CallbackLogService(CallbackLog log) {
        this.log = log;
    }

    @Override
    public CallbackPage find(FindCallbacksQuery query) {
        List<ReceivedCallback> found = log.list(query.eventType(), query.streamId(), query.received(),
                query.after(), query.limit() + 1);
        if (found.size() <= query.limit()) {
            return new CallbackPage(found, null);
        }
        List<ReceivedCallback> page = found.subList(0, query.limit());
        return new CallbackPage(page, CallbackPosition.of(page.getLast()));
    }
}
