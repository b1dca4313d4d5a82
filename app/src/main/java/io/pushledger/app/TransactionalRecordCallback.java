package io.pushledger.app;

import io.pushledger.domain.port.in.CallbackNotStoredException;
import io.pushledger.domain.port.in.RecordCallbackCommand;
import io.pushledger.domain.port.in.RecordCallbackUseCase;
import io.pushledger.domain.port.in.RecordOutcome;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Runs each recording in a transaction of its own and returns only after it has committed, so the
 * HTTP adapter never acknowledges what is not stored. Any failure, at commit too, becomes
 * {@link CallbackNotStoredException}: the transaction rolled back and the callback must be retried.
 */
final class TransactionalRecordCallback implements RecordCallbackUseCase {

    private final RecordCallbackUseCase delegate;

    TransactionalRecordCallback(RecordCallbackUseCase delegate) {
        this.delegate = delegate;
    }

    @Override
    public RecordOutcome record(RecordCallbackCommand command) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> delegate.record(command));
        } catch (RuntimeException e) {
            throw new CallbackNotStoredException(describe(e), e);
        }
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
