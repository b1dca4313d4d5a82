package io.pushledger.domain.model;

/** One authentic callback from Tencent CSS, of any kind. */
public sealed interface CallbackEvent permits PushEvent, OtherEvent {

    int eventType();
}
