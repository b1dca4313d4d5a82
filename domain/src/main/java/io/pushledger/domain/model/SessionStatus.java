package io.pushledger.domain.model;

/** Where a push session stands. */
public enum SessionStatus {
    /** Started, not ended. */
    LIVE,
    /** Its interruption was received. */
    ENDED,
    /** Still open, but a later push on the same stream path has started: its end was never reported. */
    STALE
}
