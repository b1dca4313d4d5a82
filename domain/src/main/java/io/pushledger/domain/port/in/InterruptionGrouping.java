package io.pushledger.domain.port.in;

/** What interruptions are counted by. */
public enum InterruptionGrouping {
    CATEGORY,
    ERRCODE,
    DOMAIN,
    STREAM_ID,
    REGION
}
