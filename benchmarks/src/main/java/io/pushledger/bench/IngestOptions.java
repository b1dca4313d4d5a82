package io.pushledger.bench;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * What one ingest run does: against which URL, signed with which key, how hard (a fixed number of
 * connections, or a fixed rate of callbacks) and for how long (a duration or a number of callbacks).
 */
record IngestOptions(
        URI url,
        String key,
        int concurrency,
        double rate,
        int maxInFlight,
        Duration duration,
        long count,
        Duration warmup,
        Duration timeout,
        int streams,
        int lag,
        PushCallbacks.StreamIds streamIds,
        long sequenceBase) {

    static final String USAGE = """
            Usage: java -jar benchmarks/target/pushledger-benchmarks.jar --url URL --key KEY [options]
              --url URL            the callback endpoint, e.g. http://127.0.0.1:18090/callbacks/css
              --key KEY            the callback key the service is configured with (sign = MD5(key + t))
              --concurrency N      connections sending back to back (default 16)
              --rate R             instead: R callbacks/s on a fixed schedule, latency measured from the
                                   scheduled time (at most --max-in-flight outstanding, default 256)
              --duration D         measure for D (e.g. 500ms, 30s, 2m; default 30s)
              --count N            instead: measure exactly N callbacks
              --warmup D           send for D first without measuring (default 0s)
              --timeout D          per request (default 20s, Tencent's own limit)
              --streams N          distinct stream paths (default 10000; must exceed --lag)
              --lag N              a push's interruption follows its start about 2N callbacks later (default 256)
              --stream-ids W       the workload: recurring (default; pushes cycle over the --streams paths) or
                                   new (every push on a stream id of its own, as platforms naming each
                                   broadcast anew)
              --sequence-base N    first sequence (default: derived from the clock, so runs never collide)
            """;

    IngestOptions {
        if (url == null || key == null) {
            throw new IllegalArgumentException("--url and --key are required");
        }
        if (concurrency < 1 || maxInFlight < 1 || rate < 0 || count < 0 || lag < 1 || streams <= lag) {
            throw new IllegalArgumentException("concurrency, max-in-flight and lag must be positive, rate and count not negative, streams greater than lag");
        }
        if ((duration == null) == (count == 0)) {
            throw new IllegalArgumentException("give either --duration or --count");
        }
    }

    boolean fixedRate() {
        return rate > 0;
    }

    static IngestOptions parse(String... args) {
        URI url = null;
        String key = null;
        int concurrency = 16;
        double rate = 0;
        int maxInFlight = 256;
        Duration duration = null;
        long count = 0;
        Duration warmup = Duration.ZERO;
        Duration timeout = Duration.ofSeconds(20);
        int streams = 10_000;
        int lag = 256;
        PushCallbacks.StreamIds streamIds = PushCallbacks.StreamIds.RECURRING;
        long sequenceBase = System.currentTimeMillis() * 1_000_000L;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args[++i];
            switch (name) {
                case "--url" -> url = URI.create(value);
                case "--key" -> key = value;
                case "--concurrency" -> concurrency = Integer.parseInt(value);
                case "--rate" -> rate = Double.parseDouble(value);
                case "--max-in-flight" -> maxInFlight = Integer.parseInt(value);
                case "--duration" -> duration = duration(value);
                case "--count" -> count = Long.parseLong(value);
                case "--warmup" -> warmup = duration(value);
                case "--timeout" -> timeout = duration(value);
                case "--streams" -> streams = Integer.parseInt(value);
                case "--lag" -> lag = Integer.parseInt(value);
                case "--stream-ids" -> streamIds = PushCallbacks.StreamIds.valueOf(value.toUpperCase(Locale.ROOT));
                case "--sequence-base" -> sequenceBase = Long.parseLong(value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (duration == null && count == 0) {
            duration = Duration.ofSeconds(30);
        }
        return new IngestOptions(url, key, concurrency, rate, maxInFlight, duration, count, warmup, timeout,
                streams, lag, streamIds, sequenceBase);
    }

    /** {@code 250ms}, {@code 30s}, {@code 2m}; a bare number is seconds. */
    static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        if (t.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        if (t.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        return Duration.ofSeconds(Long.parseLong(t));
    }
}
