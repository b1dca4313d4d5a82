package io.pushledger.embedded;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * In dev mode and in {@code @QuarkusTest}s, when no datasource URL is configured, points the datasource at
 * {@link EmbeddedPostgresql}. Dev mode keeps its cluster in {@value #DATA_DIR_PROPERTY} (default
 * {@value #DEV_DATA_DIR}); tests get a fresh one per JVM under {@code target/embedded-postgresql/}.
 * {@value #ENABLED_PROPERTY}{@code =false} leaves the datasource to Quarkus Dev Services (where Docker runs).
 *
 * <p>The values come at ordinal {@value #ORDINAL}: above application.properties, below environment variables,
 * system properties and the config overrides of test resources (which DatabaseOutageTest needs).
 */
public class EmbeddedPostgresqlConfigSourceFactory implements ConfigSourceFactory {

    static final String ENABLED_PROPERTY = "embedded-postgresql.enabled";
    static final String DATA_DIR_PROPERTY = "embedded-postgresql.data-dir";
    static final String DEV_DATA_DIR = "target/embedded-postgresql/dev";
    static final int ORDINAL = 260;
    private static final String JDBC_URL = "quarkus.datasource.jdbc.url";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        boolean dev = profiles.contains("dev");
        boolean test = profiles.contains("test");
        if (!(dev || test) || isSet(context.getValue(JDBC_URL)) || "false".equals(value(context, ENABLED_PROPERTY))) {
            return List.of();
        }
        String url = dev
                ? EmbeddedPostgresql.jdbcUrl(Path.of(valueOr(context, DATA_DIR_PROPERTY, DEV_DATA_DIR)), true)
                : EmbeddedPostgresql.jdbcUrl(testDataDirectory("quarkus-test"), false);
        return List.of(new PropertiesConfigSource(
                Map.of(JDBC_URL, url, "quarkus.datasource.username", EmbeddedPostgresql.username()),
                "EmbeddedPostgresql", ORDINAL));
    }

    /** A directory of its own for each test JVM, so that a killed run's leftovers never get in the way. */
    public static Path testDataDirectory(String name) {
        return Path.of("target", "embedded-postgresql", name + "-" + ProcessHandle.current().pid());
    }

    private static boolean isSet(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return isSet(value) ? value.getValue().trim() : null;
    }

    private static String valueOr(ConfigSourceContext context, String name, String fallback) {
        String value = value(context, name);
        return value == null ? fallback : value;
    }
}
