package io.pushledger.app;

import io.pushledger.embedded.EmbeddedPostgresql;
import io.pushledger.embedded.EmbeddedPostgresqlConfigSourceFactory;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * For the *IT suites: the packaged application and the processes the fault tests start (ServiceProcess) do not
 * carry the embedded PostgreSQL, so when no database is configured this starts it in the failsafe JVM, before
 * any test, and publishes it as the {@code quarkus.datasource.*} system properties, which Ledger reads and the
 * {@code @QuarkusIntegrationTest} launcher hands to the application. Only where app/pom.xml asks for it
 * ({@value #PUBLISH}): in the {@code @QuarkusTest} JVM such system properties would outrank the config
 * overrides of test resources, and there EmbeddedPostgresqlConfigSourceFactory does the work.
 */
public class EmbeddedPostgresqlForProcesses implements LauncherSessionListener {

    static final String PUBLISH = "embedded-postgresql.publish-as-system-properties";
    private static final String JDBC_URL = "quarkus.datasource.jdbc.url";

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (!Boolean.getBoolean(PUBLISH) || "false".equals(System.getProperty("embedded-postgresql.enabled"))
                || isSet(System.getProperty(JDBC_URL)) || isSet(System.getenv("QUARKUS_DATASOURCE_JDBC_URL"))) {
            return;
        }
        System.setProperty(JDBC_URL,
                EmbeddedPostgresql.jdbcUrl(EmbeddedPostgresqlConfigSourceFactory.testDataDirectory("failsafe"), false));
        System.setProperty("quarkus.datasource.username", EmbeddedPostgresql.username());
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
