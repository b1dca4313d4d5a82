package io.pushledger.domain.port.in;

import io.pushledger.domain.model.SessionChange;
import java.util.List;

/** The committed session changes, for those who follow them as they happen (the change stream). */
public interface FollowSessionChangesUseCase {

    /** Up to {@code max} settled changes after {@code position}, in order ({@link io.pushledger.domain.port.out.SessionChanges#after}). */
    List<SessionChange> after(long position, int max);

    /** A position every change not yet settled will come after: where a follower joining now starts. */
    long latest();

    /** The highest position forgotten: who saw less than this has missed changes. */
    long forgottenUpTo();
}
