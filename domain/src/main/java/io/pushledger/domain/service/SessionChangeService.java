package io.pushledger.domain.service;

import io.pushledger.domain.model.SessionChange;
import io.pushledger.domain.port.in.FollowSessionChangesUseCase;
import io.pushledger.domain.port.out.SessionChanges;
import java.util.List;

/** The change stream's reads: the stored changes as they are (the store keeps them in order). */
public final class SessionChangeService implements FollowSessionChangesUseCase {

    private final SessionChanges changes;

    public SessionChangeService(SessionChanges changes) {
        this.changes = changes;
    }

    @Override
    public List<SessionChange> after(long position, int max) {
        if (position < 0 || max < 1) {
            throw new IllegalArgumentException("position " + position + " and max " + max);
        }
        return changes.after(position, max);
    }

    @Override
    public long latest() {
        return changes.latest();
    }

    @Override
    public long forgottenUpTo() {
        return changes.forgottenUpTo();
    }
}
