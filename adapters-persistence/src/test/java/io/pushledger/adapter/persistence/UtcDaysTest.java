package io.pushledger.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.pushledger.domain.port.in.TimeRange;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class UtcDaysTest {

    private static final LocalDate MAY_2 = LocalDate.parse("2030-05-02");
    private static final LocalDate MAY_5 = LocalDate.parse("2030-05-05");

    @Test
    void aWindowFromMidnightToMidnightIsWholeDaysWithoutEdges() {
        assertThat(UtcDays.within(range("2030-05-02T00:00:00Z", "2030-05-05T00:00:00Z")))
                .contains(new UtcDays(MAY_2, MAY_5, List.of()));
    }

    @Test
    void partialDaysAtEitherEndBecomeEdges() {
        UtcDays days = UtcDays.within(range("2030-05-01T16:30:00Z", "2030-05-05T08:00:00Z")).orElseThrow();
        assertThat(days.first()).isEqualTo(MAY_2);
        assertThat(days.end()).isEqualTo(MAY_5);
        assertThat(days.edges()).containsExactly(
                range("2030-05-01T16:30:00Z", "2030-05-02T00:00:00Z"),
                range("2030-05-05T00:00:00Z", "2030-05-05T08:00:00Z"));
    }

    @Test
    void anInstantJustAfterMidnightCountsThatDayWholeLessItsFirstMicrosecond() {
        UtcDays days = UtcDays.within(new TimeRange(Instant.parse("2030-05-02T00:00:00.000001Z"), null)).orElseThrow();
        assertThat(days.first()).isEqualTo(MAY_2);
        assertThat(days.edges()).isEmpty();
        assertThat(days.subtracted()).containsExactly(range("2030-05-02T00:00:00Z", "2030-05-02T00:00:00.000001Z"));
    }

    @Test
    void aStartBeforeNoonCountsItsDayWholeLessTheHoursBeforeIt() {
        UtcDays days = UtcDays.within(new TimeRange(Instant.parse("2030-05-01T05:00:00Z"), null)).orElseThrow();
        assertThat(days.first()).isEqualTo(LocalDate.parse("2030-05-01"));
        assertThat(days.edges()).isEmpty();
        assertThat(days.subtracted()).containsExactly(range("2030-05-01T00:00:00Z", "2030-05-01T05:00:00Z"));
        UtcDays atNoon = UtcDays.within(new TimeRange(Instant.parse("2030-05-01T12:00:00Z"), null)).orElseThrow();
        assertThat(atNoon.first()).isEqualTo(MAY_2);
        assertThat(atNoon.edges()).containsExactly(range("2030-05-01T12:00:00Z", "2030-05-02T00:00:00Z"));
        assertThat(atNoon.subtracted()).isEmpty();
    }

    @Test
    void anOpenEndLeavesThatSideUnboundedAndWithoutAnEdge() {
        assertThat(UtcDays.within(TimeRange.ALWAYS)).contains(new UtcDays(null, null, List.of()));
        UtcDays untilMay5 = UtcDays.within(new TimeRange(null, Instant.parse("2030-05-05T10:00:00Z"))).orElseThrow();
        assertThat(untilMay5.first()).isNull();
        assertThat(untilMay5.end()).isEqualTo(MAY_5);
        assertThat(untilMay5.edges()).containsExactly(range("2030-05-05T00:00:00Z", "2030-05-05T10:00:00Z"));
    }

    @Test
    void aWindowWithinOneDayOrAcrossOneMidnightHoldsNoWholeDay() {
        assertThat(UtcDays.within(range("2030-05-02T01:00:00Z", "2030-05-02T23:00:00Z"))).isEmpty();
        assertThat(UtcDays.within(range("2030-05-02T01:00:00Z", "2030-05-03T23:00:00Z"))).isEmpty();
        assertThat(UtcDays.within(range("2030-05-02T00:00:00Z", "2030-05-02T00:00:00Z"))).isEmpty();
    }

    @Test
    void exactlyOneWholeDayIsEnough() {
        assertThat(UtcDays.within(range("2030-05-01T23:00:00Z", "2030-05-03T01:00:00Z")).orElseThrow().first())
                .isEqualTo(MAY_2);
    }

    private static TimeRange range(String from, String to) {
        return new TimeRange(Instant.parse(from), Instant.parse(to));
    }
}
