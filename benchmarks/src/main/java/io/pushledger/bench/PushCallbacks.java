package io.pushledger.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The n-th callback of a run, signed as Tencent signs it. The first {@code lag} callbacks start pushes;
 * after that starts and interruptions alternate, each interruption ending the oldest push still open,
 * so every push gets its start and, about {@code 2 × lag} callbacks later, its interruption. Pushes
 * cycle through {@code streams} paths; since there are more paths than open pushes, a push has ended
 * before the next one on its path starts, as on a real platform. With {@link StreamIds#NEW} each push has a
 * stream id of its own instead (its path's domain still cycles), so every session brings a stream id
 * never seen before.
 */
final class PushCallbacks {

    /** Which stream ids the pushes use: the two workloads of docs/performance.md. */
    enum StreamIds {
        /** A fixed set of {@code streams} stream ids, each pushed to again and again. */
        RECURRING,
        /** A new stream id for every push. */
        NEW
    }

    /** Interruption causes in roughly the proportions a platform sees: mostly clients stopping. */
    private static final int[] ERRCODES = {1, 1, 1, 1, 1, 1, 1, 1, 2, 3, 12, 13, 14, 20, 8, 5, 24, 6, 7, 19, 33, 0};

    private final String key;
    private final long sequenceBase;
    private final int streams;
    private final int lag;
    private final StreamIds streamIds;
    private final AtomicLongArray startedAtMillis;
    private final int ringMask;

    PushCallbacks(String key, long sequenceBase, int streams, int lag, StreamIds streamIds) {
        this.key = key;
        this.sequenceBase = sequenceBase;
        this.streams = streams;
        this.lag = lag;
        this.streamIds = streamIds;
        int ring = Integer.highestOneBit(lag * 4 - 1) << 1;
        this.startedAtMillis = new AtomicLongArray(ring);
        this.ringMask = ring - 1;
    }

    /** Whether callback {@code n} starts a push (otherwise it interrupts one). */
    boolean isStart(long n) {
        return n < lag || (n - lag) % 2 == 1;
    }

    /** The push (counted from 0) that callback {@code n} belongs to. */
    long push(long n) {
        if (n < lag) {
            return n;
        }
        long j = n - lag;
        return j % 2 == 0 ? j / 2 : lag + j / 2;
    }

    String sequence(long push) {
        return Long.toString(sequenceBase + push);
    }

    String body(long n, long nowMillis) {
        long push = push(n);
        long path = push % streams;
        String stream = streamIds == StreamIds.NEW ? sequence(push) : Long.toString(path);
        long now = nowMillis / 1000;
        long t = now + 600;
        StringBuilder json = new StringBuilder(640)
                .append("{\"event_type\":").append(isStart(n) ? 1 : 0)
                .append(",\"t\":").append(t)
                .append(",\"sign\":\"").append(sign(t)).append('"')
                .append(",\"appid\":1250000000")
                .append(",\"app\":\"d").append(path % 10).append(".bench.example\"")
                .append(",\"appname\":\"live\"")
                .append(",\"stream_id\":\"bench-").append(stream).append('"')
                .append(",\"channel_id\":\"bench-").append(stream).append('"')
                .append(",\"sequence\":\"").append(sequence(push)).append('"')
                .append(",\"event_time\":").append(now)
                .append(",\"node\":\"101.226.0.1\",\"user_ip\":\"203.0.113.7\"")
                .append(",\"stream_param\":\"txSecret=0123456789abcdef&txTime=5C2ACD1A\"");
        int slot = (int) (push & ringMask);
        if (isStart(n)) {
            startedAtMillis.set(slot, nowMillis);
            json.append(",\"errcode\":0,\"errmsg\":\"ok\"");
        } else {
            long startedAt = startedAtMillis.get(slot);
            long duration = startedAt > 0 && startedAt <= nowMillis ? nowMillis - startedAt : 0;
            json.append(",\"errcode\":").append(ERRCODES[(int) (push % ERRCODES.length)])
                    .append(",\"errmsg\":\"push interrupted\"")
                    .append(",\"push_duration\":\"").append(duration).append('"');
        }
        return json.append(",\"set_id\":2,\"idc_id\":34,\"width\":1280,\"height\":720}").toString();
    }

    String sign(long t) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest((key + t).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }
}
