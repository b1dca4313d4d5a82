package io.pushledger.domain.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import io.pushledger.domain.fixtures.PushEvents;
import io.pushledger.domain.port.out.PushSessions;
import io.pushledger.domain.port.out.PushSessionsContract;
import org.junit.jupiter.api.Test;

class InMemoryPushSessionsTest extends PushSessionsContract {

    private final InMemoryPushSessions sessions = new InMemoryPushSessions();

    @Override
    protected PushSessions pushSessions() {
        return sessions;
    }

    @Test
    void everyLockIsRecorded() {
        sessions.lockPath(PushEvents.samplePath());
        sessions.lockPath(PushEvents.samplePath());

        assertThat(sessions.lockedPaths()).containsExactly(PushEvents.samplePath(), PushEvents.samplePath());
    }
}
