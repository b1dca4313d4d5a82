package io.pushledger.domain.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One push, from its start to its interruption, identified by its sequence.
 *
 * <p>Built from the push's callbacks in whatever order they arrive: the start fixes {@code startedAt}
 * and is preferred for what both report; an interruption alone gives an inferred start
 * ({@code endedAt − push_duration}). Applying a callback twice changes nothing, and an interruption
 * ends the session whatever its status.
 */
public record PushSession(
        Sequence sequence,
        StreamPath path,
        SessionStatus status,
        Instant startedAt,
        boolean startInferred,
        Instant endedAt,
        Long durationMs,
        Interruption interruption,
        Long appId,
        String channelId,
        String clientIp,
        String node,
        String streamParam,
        Integer setId,
        Integer idcId,
        Integer width,
        Integer height) {

    public PushSession {
        Objects.requireNonNull(sequence, "sequence");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
        if ((status == SessionStatus.ENDED) != (endedAt != null && interruption != null)) {
            throw new IllegalArgumentException("a session is ENDED exactly when its interruption is known");
        }
        if (startInferred && status != SessionStatus.ENDED) {
            throw new IllegalArgumentException("only an ended session can have an inferred start");
        }
    }

    /** The session as its first callback describes it. */
    public static PushSession from(PushEvent event) {
        return switch (event) {
            case PushStarted start -> fromStart(start);
            case PushInterrupted interruption -> fromInterruption(interruption);
        };
    }

    /** This session with one more of its callbacks taken into account. */
    public PushSession apply(PushEvent event) {
        if (!event.sequence().equals(sequence)) {
            throw new IllegalArgumentException("callback of push " + event.sequence() + " applied to push " + sequence);
        }
        return switch (event) {
            case PushStarted start -> startInferred ? withStart(start) : this;
            case PushInterrupted interruption -> status == SessionStatus.ENDED ? this : withInterruption(interruption);
        };
    }

    /** A later push on the same path has started: an open session's end will never be reported. */
    public PushSession supersede() {
        return status == SessionStatus.LIVE ? withStatus(SessionStatus.STALE) : this;
    }

    /** Whether {@code later} started after this session on the same path, which leaves this one stale if open. */
    public boolean isSupersededBy(PushSession later) {
        return path.equals(later.path) && !sequence.equals(later.sequence) && later.startedAt.isAfter(startedAt);
    }

    public boolean isOpen() {
        return status != SessionStatus.ENDED;
    }

    public Region region() {
        return Region.ofSetId(setId);
    }

    private static PushSession fromStart(PushStarted start) {
        PushDetails d = start.details();
        return new PushSession(start.sequence(), d.path(), SessionStatus.LIVE, d.eventTime(), false,
                null, null, null,
                d.appId(), d.channelId(), d.clientIp(), d.node(), d.streamParam(),
                d.setId(), d.idcId(), d.width(), d.height());
    }

    private static PushSession fromInterruption(PushInterrupted interruption) {
        PushDetails d = interruption.details();
        Instant endedAt = d.eventTime();
        Long durationMs = interruption.pushDurationMs();
        Instant inferredStart = durationMs == null ? endedAt : endedAt.minusMillis(durationMs);
        return new PushSession(interruption.sequence(), d.path(), SessionStatus.ENDED, inferredStart, true,
                endedAt, durationMs, interruption.interruption(),
                d.appId(), d.channelId(), d.clientIp(), d.node(), d.streamParam(),
                d.setId(), d.idcId(), d.width(), d.height());
    }

    /** The start arrived after the interruption: it replaces the inferred values. */
    private PushSession withStart(PushStarted start) {
        PushDetails d = start.details();
        Instant startedAt = d.eventTime();
        Long duration = durationMs != null ? durationMs : elapsed(startedAt, endedAt);
        return new PushSession(sequence, d.path(), status, startedAt, false,
                endedAt, duration, interruption,
                first(d.appId(), appId), first(d.channelId(), channelId), first(d.clientIp(), clientIp),
                first(d.node(), node), first(d.streamParam(), streamParam), first(d.setId(), setId),
                first(d.idcId(), idcId), firstNonZero(d.width(), width), firstNonZero(d.height(), height));
    }

    private PushSession withInterruption(PushInterrupted event) {
        PushDetails d = event.details();
        Instant endedAt = d.eventTime();
        Long duration = event.pushDurationMs() != null
                ? event.pushDurationMs()
                : elapsed(startedAt, endedAt);
        return new PushSession(sequence, path, SessionStatus.ENDED, startedAt, false,
                endedAt, duration, event.interruption(),
                first(appId, d.appId()), first(channelId, d.channelId()), first(clientIp, d.clientIp()),
                first(node, d.node()), first(streamParam, d.streamParam()), first(setId, d.setId()),
                first(idcId, d.idcId()), firstNonZero(width, d.width()), firstNonZero(height, d.height()));
    }

    private PushSession withStatus(SessionStatus newStatus) {
        return new PushSession(sequence, path, newStatus, startedAt, startInferred, endedAt, durationMs,
                interruption, appId, channelId, clientIp, node, streamParam, setId, idcId, width, height);
    }

    /** Without push_duration, the time between the callbacks; never negative, whatever their clocks say. */
    private static long elapsed(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis());
    }

    private static <T> T first(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }

    /** Tencent reports 0 when the video header was missing; a real size from the other callback wins. */
    private static Integer firstNonZero(Integer preferred, Integer fallback) {
        return preferred != null && preferred != 0 ? preferred : first(fallback, preferred);
    }
}
