package io.pushledger.adapter.http.history;

import io.pushledger.domain.model.InterruptionCategory;
import io.pushledger.domain.model.SessionStatus;
import io.pushledger.domain.port.in.SessionCriteria;
import io.pushledger.domain.port.in.StreamMatch;
import io.pushledger.domain.port.in.TimeRange;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The session filters shared by the session list and the interruption statistics. */
public class SessionFilterParameters {

    static final Set<String> NAMES = Set.of("streamId", "match", "domain", "appName", "status", "category",
            "abnormal", "clientIp", "from", "to");

    private static final Map<String, StreamMatch.Mode> MATCH_MODES = byLowerCaseName(StreamMatch.Mode.values());
    private static final Map<String, SessionStatus> STATUSES = byName(SessionStatus.values());
    private static final Map<String, InterruptionCategory> CATEGORIES = byName(InterruptionCategory.values());

    @QueryParam("streamId")
    @Parameter(description = "stream_id, matched as `match` says")
    String streamId;

    @QueryParam("match")
    @Parameter(description = "how streamId matches: the whole id (default), its beginning, or any part",
            schema = @Schema(type = SchemaType.STRING, enumeration = {"exact", "prefix", "contains"}, defaultValue = "exact"))
    String match;

    @QueryParam("domain")
    @Parameter(description = "push domain (`app`)")
    String domain;

    @QueryParam("appName")
    @Parameter(description = "push path (`appname`)")
    String appName;

    @QueryParam("status")
    @Parameter(schema = @Schema(implementation = SessionStatus.class))
    String status;

    @QueryParam("category")
    @Parameter(description = "interruption category; selects ended sessions only",
            schema = @Schema(implementation = InterruptionCategory.class))
    String category;

    @QueryParam("abnormal")
    @Parameter(description = "whether the interruption was abnormal; selects ended sessions only",
            schema = @Schema(type = SchemaType.BOOLEAN))
    String abnormal;

    @QueryParam("clientIp")
    @Parameter(description = "the pushing client's address (`user_ip`)")
    String clientIp;

    @QueryParam("from")
    @Parameter(description = "inclusive lower bound: ISO-8601 instant (2023-12-28T02:44:38Z) or unix epoch seconds")
    String from;

    @QueryParam("to")
    @Parameter(description = "exclusive upper bound: ISO-8601 instant or unix epoch seconds")
    String to;

    SessionCriteria criteria() {
        String stream = QueryParameters.text("streamId", streamId);
        StreamMatch.Mode mode = QueryParameters.choice("match", match, MATCH_MODES);
        if (mode != null && stream == null) {
            throw QueryParameters.invalid("match", "match needs streamId.");
        }
        if (mode == StreamMatch.Mode.CONTAINS && !StreamMatch.searchableSubstring(stream)) {
            throw QueryParameters.invalid("streamId", "streamId needs " + StreamMatch.MIN_CONTAINS_RUN
                    + " letters or digits in a row with match=contains, the least the substring index can look up;"
                    + " use match=prefix for shorter beginnings.");
        }
        return new SessionCriteria(
                stream == null ? null : new StreamMatch(stream, mode == null ? StreamMatch.Mode.EXACT : mode),
                QueryParameters.text("domain", domain),
                QueryParameters.text("appName", appName),
                QueryParameters.choice("status", status, STATUSES),
                QueryParameters.choice("category", category, CATEGORIES),
                QueryParameters.bool("abnormal", abnormal),
                QueryParameters.text("clientIp", clientIp));
    }

    TimeRange range() {
        Instant start = QueryParameters.instant("from", from);
        Instant end = QueryParameters.instant("to", to);
        return QueryParameters.range("from", start, "to", end);
    }

    private static <E extends Enum<E>> Map<String, E> byName(E[] values) {
        return Arrays.stream(values).collect(Collectors.toUnmodifiableMap(Enum::name, Function.identity()));
    }

    private static <E extends Enum<E>> Map<String, E> byLowerCaseName(E[] values) {
        return Arrays.stream(values)
                .collect(Collectors.toUnmodifiableMap(v -> v.name().toLowerCase(Locale.ROOT), Function.identity()));
    }
}
