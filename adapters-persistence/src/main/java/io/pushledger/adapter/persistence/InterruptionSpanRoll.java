package io.pushledger.adapter.persistence;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Moves the spans of past days that the console's top streams of a week and of 30 days are summed over
 * (V15, ADR 19) to the current UTC day, checked every minute: after midnight, one replica rolls each span
 * (a few hundred milliseconds at 10 M sessions, writers ending sessions waiting meanwhile), the others find
 * it done. Until then such a window is summed from the per-day rows, as exact and slower.
 */
@ApplicationScoped
public class InterruptionSpanRoll {

    private static final Logger LOG = Logger.getLogger(InterruptionSpanRoll.class);
    /** The console's week and 30 days (ADR 14), today included; a span missing is summed afresh. */
    private static final String ROLL = "SELECT interruptions_span_roll(CAST(days AS smallint),"
            + " CAST(now() AT TIME ZONE 'UTC' AS date)) FROM unnest(ARRAY[7, 30]) AS days";

    private final DataSource dataSource;

    InterruptionSpanRoll(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Scheduled(identity = "interruption-span-roll", every = "1m", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void roll() {
        try (Connection connection = dataSource.getConnection(); PreparedStatement roll = connection.prepareStatement(ROLL)) {
            roll.execute();
        } catch (SQLException e) {
            // The next minute tries again; a database that is down is readiness's to report.
            boolean unreachable = e.getSQLState() != null && e.getSQLState().startsWith("08");
            LOG.logf(unreachable ? Logger.Level.DEBUG : Logger.Level.WARN, "Interruption spans not rolled: %s", e.getMessage());
        }
    }
}
