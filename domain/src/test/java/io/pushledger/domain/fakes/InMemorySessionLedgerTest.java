package io.pushledger.domain.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import io.pushledger.domain.fixtures.PushEvents;
import io.pushledger.domain.port.out.SessionLedger;
import io.pushledger.domain.port.out.SessionLedgerContract;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemorySessionLedgerTest extends SessionLedgerContract {

    private final InMemorySessionLedger sessions = new InMemorySessionLedger();

    @Override
    protected SessionLedger sessionLedger() {
        return sessions;
    }

    @Test
    void everyLockIsRecorded() {
        sessions.lockPaths(List.of(PushEvents.samplePath()));
        sessions.lockPaths(List.of(PushEvents.samplePath()));

        assertThat(sessions.lockedPaths()).containsExactly(PushEvents.samplePath(), PushEvents.samplePath());
    }
}
