package io.pushledger.domain.port.in;

import java.util.List;

/**
 * How many matching sessions ended ({@code total}) and how they divide into groups, largest first.
 * A group's key is null where the sessions lack the value (no errcode, no domain).
 */
public record InterruptionCounts(long total, List<Group> groups) {

    public InterruptionCounts {
        groups = List.copyOf(groups);
    }

    public record Group(String key, long count) {
    }
}
