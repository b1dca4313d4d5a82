package io.pushledger.adapter.http.callback;

/** What Tencent expects back for a callback it need not retry: {@code {"code":0}}. */
public record CallbackAck(int code) {

    static final CallbackAck OK = new CallbackAck(0);
}
