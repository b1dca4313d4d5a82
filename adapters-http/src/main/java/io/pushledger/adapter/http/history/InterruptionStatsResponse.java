package io.pushledger.adapter.http.history;

import io.pushledger.domain.port.in.InterruptionCounts;
import io.pushledger.domain.port.in.InterruptionGrouping;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "InterruptionStats")
public record InterruptionStatsResponse(
        @Schema(description = "ended sessions matching the filters, in all groups") long total,
        @Schema(description = "largest first") List<Group> groups) {

    static InterruptionStatsResponse of(InterruptionCounts counts, InterruptionGrouping grouping) {
        return new InterruptionStatsResponse(counts.total(), counts.groups().stream()
                .map(group -> new Group(key(group.key(), grouping), group.count()))
                .toList());
    }

    /** Error codes stay numbers; every other key is a string. */
    private static Object key(String key, InterruptionGrouping grouping) {
        return grouping == InterruptionGrouping.ERRCODE && key != null ? Integer.valueOf(key) : key;
    }

    @Schema(name = "InterruptionGroup")
    public record Group(
            @Schema(description = "the category, errcode (a number), domain, streamId or region; null where sessions lack it",
                    nullable = true)
            Object key,
            long count) {
    }
}
