package io.pushledger.domain.model;

/** A stream-push callback: the push started or was interrupted. Identified by sequence and event type. */
public sealed interface PushEvent extends CallbackEvent permits PushStarted, PushInterrupted {

    Sequence sequence();

    PushDetails details();

    default StreamPath path() {
        return details().path();
    }
}
