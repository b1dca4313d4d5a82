package io.pushledger.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** PushLedger's own settings, under {@code pushledger.} (environment: {@code PUSHLEDGER_…}). */
@ConfigMapping(prefix = "pushledger")
public interface PushLedgerConfig {

    Callback callback();

    Api api();

    Retention retention();

    Http http();

    Changes changes();

    interface Callback {

        /** {@code PUSHLEDGER_CALLBACK_KEYS}: the CSS callback keys, comma-separated; several while rotating. */
        Optional<List<String>> keys();

        /** {@code PUSHLEDGER_CALLBACK_CLOCK_SKEW}: how far past its {@code t} a signature is still accepted. */
        @WithDefault("60s")
        Duration clockSkew();

        /**
         * {@code PUSHLEDGER_CALLBACK_SIGNATURE_VALIDITY}: how far ahead Tencent puts a signature's {@code t}
         * (its documented default validity period); a {@code t} later than now plus this and the skew is refused.
         */
        @WithDefault("10m")
        Duration signatureValidity();

        /**
         * {@code PUSHLEDGER_CALLBACK_MAX_EVENT_TIME_AHEAD}: how far ahead of now a push's {@code event_time} may
         * lie (SPEC §1: a day by default); later is refused, so that a forged start cannot stay the latest push.
         */
        @WithDefault("1d")
        Duration maxEventTimeAhead();

        /** {@code PUSHLEDGER_CALLBACK_ALLOW_UNSIGNED}: with no key set, accept callbacks without checking them. */
        @WithDefault("false")
        boolean allowUnsigned();

        /** {@code PUSHLEDGER_CALLBACK_URL_TOKEN}: if set, callbacks must come to {@code /callbacks/css?token=<it>}. */
        Optional<String> urlToken();

        GroupCommit groupCommit();
    }

    /** Callbacks arriving together are stored in one transaction and answered after its commit. */
    interface GroupCommit {

        /** {@code PUSHLEDGER_CALLBACK_GROUP_COMMIT_MAX_CALLBACKS}: the most callbacks stored in one transaction. */
        @WithDefault("64")
        int maxCallbacks();

        /**
         * {@code PUSHLEDGER_CALLBACK_GROUP_COMMIT_WRITERS}: threads writing groups, each on a connection of its
         * own. Two overlap one group's commit with the next group's statements (docs/performance.md).
         */
        @WithDefault("2")
        int writers();

        /**
         * {@code PUSHLEDGER_CALLBACK_GROUP_COMMIT_COMMIT_TIMEOUT}: how long a callback waits for its commit before a
         * 503, well within the ~20 s Tencent waits. A callback answered 503 this way is never written afterwards.
         */
        @WithDefault("15s")
        Duration commitTimeout();

        /**
         * {@code PUSHLEDGER_CALLBACK_GROUP_COMMIT_STOP_TIMEOUT}: how long all writers together may finish at
         * shutdown, after the HTTP drain ({@code quarkus.shutdown.timeout}); both fit Kubernetes' 30 s grace.
         */
        @WithDefault("5s")
        Duration stopTimeout();

        /**
         * {@code PUSHLEDGER_CALLBACK_GROUP_COMMIT_QUEUE_CAPACITY}: the most callbacks waiting for a writer; the next
         * one is answered 503 at once, so a database that cannot keep up costs memory in proportion to this, not to
         * the backlog.
         */
        @WithDefault("512")
        int queueCapacity();

        /**
         * {@code PUSHLEDGER_CALLBACK_GROUP_COMMIT_STATEMENT_TIMEOUT}: PostgreSQL cancels a statement of a callback
         * transaction that runs longer (a slow database, a lock held elsewhere).
         */
        @WithDefault("5s")
        Duration statementTimeout();

        /**
         * {@code PUSHLEDGER_CALLBACK_GROUP_COMMIT_SOCKET_TIMEOUT}: a callback transaction gives up on a database that
         * sends nothing back for this long (a stalled connection); longer than the statement timeout, so that a merely
         * slow database cancels the statement itself first. It is also the longest a write is taken to last: a
         * callback is written only if this much time is left before its answer is due, and readiness goes DOWN when
         * callbacks have waited this long with no answer from the database.
         */
        @WithDefault("6s")
        Duration socketTimeout();
    }

    interface Api {

        /** {@code PUSHLEDGER_API_TOKENS}: bearer tokens for the history API, comma-separated. */
        Optional<List<String>> tokens();

        /**
         * {@code PUSHLEDGER_API_READ_TIMEOUT}: how long one statement of a history read may run (PostgreSQL's
         * statement_timeout on the read pool, in its units: {@code 5s}, {@code 500ms}) before the read is a 503.
         */
        @WithDefault("5s")
        String readTimeout();
    }

    interface Retention {

        /**
         * {@code PUSHLEDGER_RETENTION_MAX_AGE}: a push session over for longer is deleted with its callbacks
         * (never a LIVE one); callbacks of other kinds received longer ago are deleted.
         */
        @WithDefault("90d")
        Duration maxAge();

        /** {@code PUSHLEDGER_RETENTION_BATCH_SIZE}: rows deleted per transaction, to keep locks short. */
        @WithDefault("1000")
        int batchSize();

        /** {@code PUSHLEDGER_RETENTION_EVERY}: how often expired history is deleted; {@code off} disables it. */
        @WithDefault("1h")
        String every();

        /** {@code PUSHLEDGER_RETENTION_INITIAL_DELAY}: how long after start-up the first run waits. */
        @WithDefault("1m")
        String initialDelay();
    }

    /** The service port's bounds besides Quarkus' own (quarkus.http.*); read by the HTTP adapter. */
    interface Http {

        /**
         * {@code PUSHLEDGER_HTTP_BODY_TIMEOUT}: how long a request body may take to arrive after its headers
         * before a 408; a callback of at most 64 KiB takes milliseconds, a slow sender must not hold its buffer.
         */
        @WithDefault("10s")
        Duration bodyTimeout();
    }

    interface Changes {

        /**
         * {@code PUSHLEDGER_CHANGES_MAX_AGE}: how long the change stream keeps a change, so that a follower whose
         * connection dropped can resume after it (Last-Event-ID); older ones are deleted every few minutes.
         */
        @WithDefault("1h")
        Duration maxAge();

        /**
         * {@code PUSHLEDGER_CHANGES_STALL_TIMEOUT}: how long a follower may take none of the changes (or keep-alive)
         * waiting for it before it is cut off and its connection closed; read by the HTTP adapter.
         */
        @WithDefault("30s")
        Duration stallTimeout();
    }
}
