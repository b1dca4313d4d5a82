package io.pushledger.adapter.http.callback;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pushledger.domain.model.BodyFingerprint;
import io.pushledger.domain.model.CallbackEvent;
import io.pushledger.domain.model.EventTimeLimit;
import io.pushledger.domain.model.EventType;
import io.pushledger.domain.model.OtherEvent;
import io.pushledger.domain.model.PushDetails;
import io.pushledger.domain.model.PushInterrupted;
import io.pushledger.domain.model.PushStarted;
import io.pushledger.domain.model.Sequence;
import io.pushledger.domain.model.StreamId;
import io.pushledger.domain.model.StreamPath;
import java.time.Instant;

/** Turns an authentic callback's JSON into the domain's event, checking every known field's type. */
final class CallbackReader {

    static final int MAX_STREAM_PARAM = 4096;
    static final int MAX_ERRMSG = 1024;
    /** 9999-12-31T23:59:59Z: later times are not real and PostgreSQL could not store them. */
    static final long MAX_EPOCH_SECOND = 253_402_300_799L;
    /** A century; longer pushes are not real and would infer a start before any calendar. */
    static final long MAX_PUSH_DURATION_MS = 100L * 366 * 24 * 3600 * 1000;

    private CallbackReader() {
    }

    static CallbackEvent read(ObjectNode json, EventTimeLimit eventTimeLimit) {
        CallbackFields fields = new CallbackFields(json);
        int eventType = fields.requiredInt("event_type");
        // t and sign were checked already; here they only must have their types.
        fields.optionalLong("t");
        fields.optionalString("sign");
        if (!EventType.isPush(eventType)) {
            return other(eventType, json, fields);
        }
        // Every known field is type-checked on both push kinds, though a start's errcode is not kept.
        Sequence sequence = new Sequence(fields.requiredString("sequence"));
        PushDetails details = details(fields, eventTimeLimit);
        Long pushDuration = fields.has("push_duration")
                ? fields.requiredLong("push_duration", 0, MAX_PUSH_DURATION_MS)
                : null;
        Integer errcode = fields.optionalInt("errcode");
        String errmsg = fields.optionalString("errmsg", MAX_ERRMSG);
        return eventType == EventType.PUSH_STARTED
                ? new PushStarted(sequence, details)
                : new PushInterrupted(sequence, details, pushDuration, errcode, errmsg);
    }

    private static PushDetails details(CallbackFields fields, EventTimeLimit eventTimeLimit) {
        StreamPath path = new StreamPath(fields.optionalString("app"), fields.optionalString("appname"),
                new StreamId(fields.requiredString("stream_id")));
        Instant eventTime = Instant.ofEpochSecond(fields.requiredLong("event_time", 0, MAX_EPOCH_SECOND));
        if (!eventTimeLimit.admits(eventTime)) {
            throw CallbackProblems.invalidField("event_time", "is more than " + eventTimeLimit.maxAhead().toSeconds()
                    + " s ahead of now: Tencent reports a push after it happens.");
        }
        return new PushDetails(path, eventTime,
                fields.optionalLong("appid"),
                fields.optionalString("channel_id"),
                fields.optionalString("node"),
                fields.optionalString("user_ip"),
                fields.optionalString("stream_param", MAX_STREAM_PARAM),
                fields.optionalInt("set_id"),
                fields.optionalInt("idc_id"),
                fields.optionalInt("width"),
                fields.optionalInt("height"));
    }

    /**
     * Other kinds are kept as sent; their stream id and event time are picked up when they have
     * the push callback's types, for lookups, and never make the callback fail.
     */
    private static OtherEvent other(int eventType, ObjectNode json, CallbackFields fields) {
        Long eventTime = fields.lenientLong("event_time", 0, MAX_EPOCH_SECOND);
        return new OtherEvent(eventType,
                new BodyFingerprint(CanonicalJson.sha256WithoutSignature(json)),
                fields.lenientString("stream_id"),
                eventTime == null ? null : Instant.ofEpochSecond(eventTime));
    }
}
