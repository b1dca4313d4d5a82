package io.pushledger.domain.port.out;

import io.pushledger.domain.model.ReceivedCallback;
import io.pushledger.domain.model.Sequence;
import io.pushledger.domain.port.in.CallbackPosition;
import io.pushledger.domain.port.in.TimeRange;
import java.util.List;

/** The received callbacks as the history reads them. */
public interface CallbackHistory {

    /**
     * Up to {@code max} callbacks of {@code eventType} on {@code streamId} (null: any) first received
     * within {@code received}, ordered by {@code receivedAt} then id, both descending, strictly after
     * {@code after} (null: from the start).
     */
    List<ReceivedCallback> list(Integer eventType, String streamId, TimeRange received, CallbackPosition after, int max);

    /** The push callbacks of one push, by event time, the start before the interruption at the same time. */
    List<ReceivedCallback> ofPush(Sequence sequence);
}
