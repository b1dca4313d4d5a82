package io.pushledger.app;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pushledger.domain.port.out.SessionLedger;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * {@code pushledger_sessions_open}: LIVE and STALE sessions, counted in the database every 15 s (an
 * index-only count over the partial index of open sessions) rather than on each scrape.
 */
@Startup
@ApplicationScoped
public class OpenSessionsGauge {

    private static final Logger LOG = Logger.getLogger(OpenSessionsGauge.class);

    private final SessionLedger sessions;
    private final AtomicLong open = new AtomicLong();

    OpenSessionsGauge(SessionLedger sessions, MeterRegistry registry) {
        this.sessions = sessions;
        Gauge.builder("pushledger.sessions.open", open, AtomicLong::get)
                .description("Push sessions started and not ended (LIVE or STALE)")
                .register(registry);
    }

    @Scheduled(identity = "open-sessions-gauge", every = "15s")
    void refresh() {
        try {
            open.set(QuarkusTransaction.requiringNew().call(sessions::countOpen));
        } catch (RuntimeException e) {
            // The database is down: readiness says so; keep the last known value.
            LOG.debugf("Open sessions not counted: %s", e.getMessage());
        }
    }
}
