package io.pushledger.domain.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import io.pushledger.domain.fixtures.PushEvents;
import io.pushledger.domain.port.out.PushSessions;
import io.pushledger.domain.port.out.PushSessionsContract;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryPushSessionsTest extends PushSessionsContract {

    private final InMemoryPushSessions sessions = new InMemoryPushSessions();

    @Override
    protected PushSessions pushSessions() {
        return sessions;
    }

    @Test
    void everyLockIsRecorded() {
        sessions.lockPaths(List.of(PushEvents.samplePath()));
        sessions.lockPaths(List.of(PushEvents.samplePath()));

        assertThat(sessions.lockedPaths()).containsExactly(PushEvents.samplePath(), PushEvents.samplePath());
    }
}
