package io.pushledger.bench;

import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * What a run measured. Latencies in microseconds; {@code callbacksPerSecond} counts only callbacks
 * answered 200, over the measured window (from its start to the last measured answer).
 */
record IngestReport(
        String mode,
        double seconds,
        long completed,
        long ok,
        SortedMap<Integer, Long> nonOkByStatus,
        SortedMap<String, Long> errorsByKind,
        Histogram latencyMicros) {

    double callbacksPerSecond() {
        return seconds > 0 ? ok / seconds : 0;
    }

    double percentileMillis(double percentile) {
        return latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    long nonOk() {
        return nonOkByStatus.values().stream().mapToLong(Long::longValue).sum();
    }

    long errors() {
        return errorsByKind.values().stream().mapToLong(Long::longValue).sum();
    }

    String format() {
        return String.format(Locale.ROOT, """
                mode          %s
                measured      %.1f s, %d callbacks answered
                sustained     %.1f callbacks/s answered 200
                latency ms    p50 %.2f  p99 %.2f  p99.9 %.2f  max %.2f
                non-200       %s
                errors        %s
                RESULT callbacks_per_s=%.1f p50_ms=%.2f p99_ms=%.2f p999_ms=%.2f ok=%d non200=%d errors=%d
                """,
                mode, seconds, completed, callbacksPerSecond(),
                percentileMillis(50), percentileMillis(99), percentileMillis(99.9),
                latencyMicros.getMaxValue() / 1000.0,
                describe(nonOkByStatus), describe(errorsByKind),
                callbacksPerSecond(), percentileMillis(50), percentileMillis(99), percentileMillis(99.9),
                ok, nonOk(), errors());
    }

    private static String describe(Map<?, Long> counts) {
        return counts.isEmpty()
                ? "none"
                : counts.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
    }
}
