package io.pushledger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PushCallbacksTest {

    private final PushCallbacks callbacks = new PushCallbacks("k", 1_000, 50, 8, PushCallbacks.StreamIds.RECURRING);

    @Test
    void everyPushIsInterruptedAfterItStartsAndOnlyOnce() {
        Map<Long, Long> startedAt = new HashMap<>();
        Map<Long, Long> interruptedAt = new HashMap<>();
        for (long n = 0; n < 10_000; n++) {
            Map<Long, Long> seen = callbacks.isStart(n) ? startedAt : interruptedAt;
            assertThat(seen.put(callbacks.push(n), n)).as("callback %d repeats a push", n).isNull();
        }
        interruptedAt.forEach((push, n) -> assertThat(startedAt.get(push)).isLessThan(n));
        assertThat(startedAt.size() - interruptedAt.size()).isEqualTo(8);
    }

    @Test
    void signsWithMd5OfKeyAndT() {
        // printf k1700000000 | md5sum
        assertThat(callbacks.sign(1_700_000_000L)).isEqualTo("68b05ab4b95777a05f12f5254bb9553f");
        assertThat(callbacks.body(0, 1_700_000_000_000L))
                .contains("\"event_type\":1", "\"sequence\":\"1000\"", "\"t\":1700000600",
                        "\"sign\":\"" + callbacks.sign(1_700_000_600L) + "\"");
    }

    @Test
    void recurringStreamIdsCycleOverTheStreamsAndNewOnesNeverRepeat() {
        PushCallbacks fresh = new PushCallbacks("k", 1_000, 50, 8, PushCallbacks.StreamIds.NEW);
        Set<String> recurring = new HashSet<>();
        Map<String, Long> pushByNewStream = new HashMap<>();
        for (long n = 0; n < 2_000; n++) {
            recurring.add(streamId(callbacks.body(n, 1_700_000_000_000L)));
            String stream = streamId(fresh.body(n, 1_700_000_000_000L));
            Long push = pushByNewStream.putIfAbsent(stream, fresh.push(n));
            assertThat(push == null || push == fresh.push(n)).as("stream %s of two pushes", stream).isTrue();
        }
        assertThat(recurring).hasSize(50);
        assertThat(pushByNewStream).hasSize(1_004);
    }

    private static String streamId(String body) {
        Matcher m = Pattern.compile("\"stream_id\":\"([^\"]+)\"").matcher(body);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
