package io.pushledger.domain.port.in;

/**
 * Records an authentic callback: stores it as an event (once, however often it is delivered) and,
 * for a push callback, brings its push session up to date. Must run in one transaction; the caller
 * acknowledges Tencent only after that transaction has committed.
 */
public interface RecordCallbackUseCase {

    /** @throws CallbackNotStoredException when the callback could not be stored and must be retried */
    RecordOutcome record(RecordCallbackCommand command);
}
