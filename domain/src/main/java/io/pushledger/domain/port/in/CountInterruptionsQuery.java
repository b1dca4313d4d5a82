package io.pushledger.domain.port.in;

/**
 * Counts the ended sessions matching {@code criteria} whose interruption falls within {@code ended},
 * by {@code groupBy}; at most {@code maxGroups} groups, the largest.
 */
public record CountInterruptionsQuery(
        SessionCriteria criteria, TimeRange ended, InterruptionGrouping groupBy, int maxGroups) {

    public CountInterruptionsQuery {
        if (criteria == null || ended == null || groupBy == null) {
            throw new IllegalArgumentException("counting interruptions needs criteria, a time range and a grouping");
        }
        Limits.require(maxGroups);
    }
}
