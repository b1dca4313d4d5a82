package io.pushledger.domain.port.in;

import java.util.concurrent.CompletionStage;

/**
 * Records an authentic callback: stores it as an event (once, however often it is delivered) and,
 * for a push callback, brings its push session up to date. The stage completes once the transaction
 * holding the callback has committed, and only then may the caller acknowledge Tencent.
 */
public interface RecordCallbackUseCase {

    /** Fails with {@link CallbackNotStoredException} when the callback could not be stored and must be retried. */
    CompletionStage<RecordOutcome> record(RecordCallbackCommand command);
}
