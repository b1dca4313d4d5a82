package io.pushledger.adapter.persistence;

import io.pushledger.domain.port.out.SessionChanges.Committed;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * LISTENs for the change stream's NOTIFY (ADR 14) on a connection of its own, outside the pool (it is held
 * for the life of the service), and fires {@link Committed} whenever a transaction of any replica committed
 * changes. PostgreSQL delivers a NOTIFY only once its transaction has committed, and in commit order. After
 * every (re)connection it fires once too, so that changes committed while it was away are read.
 */
@ApplicationScoped
public class SessionChangeListener {

    private static final Logger LOG = Logger.getLogger(SessionChangeListener.class);
    /** How long one wait for notifications lasts before the connection is checked. */
    private static final int WAIT_MILLIS = 10_000;
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final Event<Committed> committed;
    private final Optional<String> url;
    private final Optional<String> username;
    private final Optional<String> password;
    private volatile boolean running = true;
    private Thread thread;

    SessionChangeListener(Event<Committed> committed,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") Optional<String> url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.committed = committed;
        this.url = url;
        this.username = username;
        this.password = password;
    }

    void start(@Observes StartupEvent startup) {
        if (url.isEmpty()) {
            LOG.warn("No quarkus.datasource.jdbc.url: the change stream hears of no change");
            return;
        }
        thread = Thread.ofPlatform().name("session-change-listener").daemon().start(this::listen);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void listen() {
        while (running) {
            try (Connection connection = connect()) {
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + SessionChangeLog.CHANNEL);
                }
                LOG.debug("Listening for session changes");
                committed.fire(new Committed(0));
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = notifications.getNotifications(WAIT_MILLIS);
                    if (received != null && received.length > 0) {
                        committed.fire(new Committed(latest(received)));
                    } else if (!connection.isValid(5)) {
                        throw new SQLException("the listening connection is no longer valid");
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warnf("Listening for session changes failed (%s); trying again in %s", e.getMessage(), RETRY);
                    sleep();
                }
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        username.ifPresent(user -> properties.setProperty("user", user));
        password.ifPresent(secret -> properties.setProperty("password", secret));
        properties.setProperty("connectTimeout", "3");
        properties.setProperty("ApplicationName", "pushledger-change-listener");
        return DriverManager.getConnection(url.orElseThrow(), properties);
    }

    private static long latest(PGNotification[] received) {
        long latest = 0;
        for (PGNotification notification : received) {
            try {
                latest = Math.max(latest, Long.parseLong(notification.getParameter()));
            } catch (NumberFormatException e) {
                LOG.debugf("A notification on %s without a position: %s", notification.getName(), notification.getParameter());
            }
        }
        return latest;
    }

    private void sleep() {
        try {
            Thread.sleep(RETRY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
