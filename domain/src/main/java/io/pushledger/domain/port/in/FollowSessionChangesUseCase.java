package io.pushledger.domain.port.in;

import io.pushledger.domain.model.SessionChange;
import java.util.List;

/** The committed session changes, for those who follow them as they happen (the change stream). */
public interface FollowSessionChangesUseCase {

    /** Up to {@code max} changes after {@code position}, in commit order. */
    List<SessionChange> after(long position, int max);

    /** The position of the last committed change, 0 when there was none. */
    long latest();

    /** The first position still kept: who saw less than this minus one has missed changes. */
    long oldestKept();
}
