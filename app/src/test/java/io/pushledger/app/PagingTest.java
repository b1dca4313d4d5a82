package io.pushledger.app;

import static io.pushledger.app.CallbackRecordingTest.accepted;
import static io.pushledger.app.CallbackRecordingTest.concurrently;
import static io.pushledger.app.HistoryApi.aQuietHour;
import static io.pushledger.app.HistoryApi.ok;
import static io.pushledger.app.SignedCallback.aPushStart;
import static io.pushledger.app.SignedCallback.anEventOfType;
import static io.pushledger.app.SignedCallback.uniqueSequence;
import static io.pushledger.app.SignedCallback.uniqueStream;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Cursor paging neither skips nor repeats, also while new sessions and events arrive between pages. */
@QuarkusTest
class PagingTest {

    private final String stream = uniqueStream();
    private final long t = aQuietHour();

    @Test
    void pagingThroughAStreamWhileNewPushesArriveSeesEverySessionOnceInOrder() throws Exception {
        List<String> seeded = new ArrayList<>();
        // Pairs share a start second, so that page boundaries fall inside ties.
        for (int i = 0; i < 40; i++) {
            String sequence = uniqueSequence();
            seeded.add(sequence);
            accepted(aPushStart(sequence, stream).with("event_time", t + 1000 + i / 2).with("appname", "p" + i));
        }

        AtomicBoolean paging = new AtomicBoolean(true);
        ExecutorService arrivals = Executors.newSingleThreadExecutor();
        Future<Integer> arrived = arrivals.submit(() -> {
            int n = 0;
            while (paging.get() && n < 200) {
                // Newer and older than the pages read so far, and tied with seeded ones.
                long at = t + 990 + (n * 7L) % 40;
                accepted(aPushStart(uniqueSequence(), stream).with("event_time", at).with("appname", "late" + n));
                n++;
            }
            return n;
        });

        List<Map<String, Object>> walked = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> query = new HashMap<>(Map.of("streamId", stream, "limit", 7));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            JsonPath page = ok("/api/v1/sessions", query).extract().jsonPath();
            walked.addAll(page.getList("items"));
            cursor = page.getString("nextCursor");
            Thread.sleep(20);
        } while (cursor != null);
        paging.set(false);
        int late = arrived.get();
        arrivals.shutdown();

        List<String> sequences = walked.stream().map(s -> (String) s.get("sequence")).toList();
        assertThat(late).as("pushes arrived while paging").isPositive();
        assertThat(sequences).doesNotHaveDuplicates().containsAll(seeded);
        for (int i = 1; i < walked.size(); i++) {
            assertThat(order(walked.get(i - 1), walked.get(i))).as("newest first at " + i).isPositive();
        }
    }

    @Test
    void pagingThroughEventsSeesEachOnce() throws Exception {
        concurrently(12, () -> {
            accepted(anEventOfType(100).with("stream_id", stream));
            return true;
        });

        List<Integer> ids = new ArrayList<>();
        List<String> receipts = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> query = new HashMap<>(Map.of("streamId", stream, "limit", 5));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            JsonPath page = ok("/api/v1/events", query).extract().jsonPath();
            ids.addAll(page.getList("items.id", Integer.class));
            receipts.addAll(page.getList("items.receivedAt", String.class));
            cursor = page.getString("nextCursor");
        } while (cursor != null);

        assertThat(ids).hasSize(12).doesNotHaveDuplicates();
        assertThat(receipts.stream().map(java.time.Instant::parse).toList())
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    /** Positive when {@code earlier} comes before {@code later} in newest-first order. */
    private static int order(Map<String, Object> earlier, Map<String, Object> later) {
        int byStart = ((String) earlier.get("startedAt")).compareTo((String) later.get("startedAt"));
        return byStart != 0 ? byStart : ((String) earlier.get("sequence")).compareTo((String) later.get("sequence"));
    }
}
