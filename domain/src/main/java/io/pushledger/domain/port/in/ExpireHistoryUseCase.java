package io.pushledger.domain.port.in;

/**
 * Deletes history older than the retention period, one small batch per call; the caller runs each
 * call in a transaction of its own and calls again until a batch comes back complete.
 */
public interface ExpireHistoryUseCase {

    ExpiredBatch expireBatch();

    /** What one batch deleted; {@code complete} once nothing older than the cutoff is left. */
    record ExpiredBatch(int sessions, int events, boolean complete) {
    }
}
