package io.pushledger.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pushledger.domain.model.PushDetails;
import io.pushledger.domain.model.PushSession;
import io.pushledger.domain.model.PushStarted;
import io.pushledger.domain.model.Sequence;
import io.pushledger.domain.model.StreamId;
import io.pushledger.domain.model.StreamPath;
import io.pushledger.domain.port.in.FindSessionsQuery;
import io.pushledger.domain.port.in.SessionCriteria;
import io.pushledger.domain.port.in.SessionPage;
import io.pushledger.domain.port.in.TimeRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionHistoryServiceTest {

    private final InMemorySessionHistory history = new InMemorySessionHistory();
    private final SessionHistoryService service = new SessionHistoryService(history, null, null);

    @Test
    void pagesWalkEverySessionOnceNewestFirstAndTheLastPageHasNoNext() {
        List<PushSession> seeded = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // Two sessions per second, so that ties on startedAt are broken by sequence.
            PushSession session = aSessionStartedAt("seq-" + i, Instant.ofEpochSecond(1_700_000_000L + i / 2));
            history.add(session);
            seeded.add(session);
        }

        List<PushSession> walked = new ArrayList<>();
        SessionPage page = service.find(new FindSessionsQuery(SessionCriteria.ANY, TimeRange.ALWAYS, 3, null));
        walked.addAll(page.items());
        while (page.next() != null) {
            page = service.find(new FindSessionsQuery(SessionCriteria.ANY, TimeRange.ALWAYS, 3, page.next()));
            walked.addAll(page.items());
        }

        assertThat(walked).containsExactlyElementsOf(seeded.stream().sorted(InMemorySessionHistory.NEWEST_FIRST).toList());
    }

    @Test
    void aPageExactlyFullIsTheLastWhenNothingFollows() {
        history.add(aSessionStartedAt("a", Instant.ofEpochSecond(1)));
        history.add(aSessionStartedAt("b", Instant.ofEpochSecond(2)));

        SessionPage page = service.find(new FindSessionsQuery(SessionCriteria.ANY, TimeRange.ALWAYS, 2, null));

        assertThat(page.items()).hasSize(2);
        assertThat(page.next()).isNull();
    }

    @Test
    void aLimitOutsideOneToFiveHundredIsRefused() {
        assertThatThrownBy(() -> new FindSessionsQuery(SessionCriteria.ANY, TimeRange.ALWAYS, 0, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FindSessionsQuery(SessionCriteria.ANY, TimeRange.ALWAYS, 501, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTimeRangeEndingBeforeItStartsIsRefused() {
        assertThatThrownBy(() -> new TimeRange(Instant.ofEpochSecond(2), Instant.ofEpochSecond(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTimeRangeIsHalfOpen() {
        TimeRange range = new TimeRange(Instant.ofEpochSecond(1), Instant.ofEpochSecond(2));

        assertThat(range.contains(Instant.ofEpochSecond(1))).isTrue();
        assertThat(range.contains(Instant.ofEpochSecond(2))).isFalse();
    }

    private static PushSession aSessionStartedAt(String sequence, Instant startedAt) {
        StreamPath path = new StreamPath("test.domain.com", "live", new StreamId("stream"));
        return PushSession.from(new PushStarted(new Sequence(sequence),
                new PushDetails(path, startedAt, null, null, null, null, null, null, null, null, null)));
    }
}
