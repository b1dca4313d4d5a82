package io.pushledger.domain.port.in;

/** Every callback received, of every kind, as it was sent. */
public interface FindCallbacksUseCase {

    /** A page of matching callbacks, newest first; paging with {@code next} never skips or repeats one. */
    CallbackPage find(FindCallbacksQuery query);
}
