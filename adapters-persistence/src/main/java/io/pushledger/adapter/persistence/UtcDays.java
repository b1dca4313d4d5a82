package io.pushledger.adapter.persistence;

import io.pushledger.domain.port.in.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A time range cut at UTC midnights: the whole days {@code [first, end)} inside it, which
 * {@code interruptions_by_day} counts, and the parts of a day left at its edges, which only
 * {@code push_session} can count. {@code first} or {@code end} is null where the range is open.
 * Where a range starts before noon of a day, that day is counted whole and its part before the range is
 * {@code subtracted}: the shorter of the two is read from push_session, at most half a day (the console's
 * last 24 hours, up to now, read whole yesterday and today from the rollups and less than 12 hours of sessions).
 */
record UtcDays(LocalDate first, LocalDate end, List<TimeRange> edges, List<TimeRange> subtracted) {

    UtcDays {
        edges = List.copyOf(edges);
        subtracted = List.copyOf(subtracted);
    }

    UtcDays(LocalDate first, LocalDate end, List<TimeRange> edges) {
        this(first, end, edges, List.of());
    }

    /** The whole days within {@code range}; empty if it holds none. */
    static Optional<UtcDays> within(TimeRange range) {
        LocalDate first = range.from() == null ? null : dayStartingAtOrAfter(range.from());
        LocalDate end = range.to() == null ? null : dayOf(range.to());
        if (first != null && end != null && !first.isBefore(end)) {
            return Optional.empty();
        }
        List<TimeRange> edges = new ArrayList<>();
        List<TimeRange> subtracted = new ArrayList<>();
        if (first != null && range.from().isBefore(midnight(first))) {
            LocalDate before = first.minusDays(1);
            Duration rest = Duration.between(midnight(before), range.from());
            if (rest.compareTo(Duration.between(range.from(), midnight(first))) < 0) {
                subtracted.add(new TimeRange(midnight(before), range.from()));
                first = before;
            } else {
                edges.add(new TimeRange(range.from(), midnight(first)));
            }
        }
        if (end != null && midnight(end).isBefore(range.to())) {
            edges.add(new TimeRange(midnight(end), range.to()));
        }
        return Optional.of(new UtcDays(first, end, edges, subtracted));
    }

    private static LocalDate dayOf(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    private static LocalDate dayStartingAtOrAfter(Instant instant) {
        LocalDate day = dayOf(instant);
        return midnight(day).equals(instant) ? day : day.plusDays(1);
    }

    private static Instant midnight(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
