package io.pushledger.app;

import io.quarkus.test.common.DevServicesContext;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Puts a {@link TcpProxy} between the service and its PostgreSQL, so that a test can take the
 * database away and bring it back. The proxy is injected into the test's {@code TcpProxy} field.
 */
public class DatabaseBehindProxy implements QuarkusTestResourceLifecycleManager, DevServicesContext.ContextAware {

    static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    private static final Pattern POSTGRESQL_URL = Pattern.compile("jdbc:postgresql://([^/:]+)(?::(\\d+))?/(.*)");

    private Map<String, String> devServices = Map.of();
    private TcpProxy proxy;

    @Override
    public void setIntegrationTestContext(DevServicesContext context) {
        devServices = context.devServicesProperties();
    }

    @Override
    public Map<String, String> start() {
        // The real database as Dev Services, Maven (app/pom.xml) or the embedded PostgreSQL hand it to the service.
        String url = devServices.containsKey(JDBC_URL) ? devServices.get(JDBC_URL)
                : ConfigProvider.getConfig().getOptionalValue(JDBC_URL, String.class).orElse(null);
        Matcher parts = url == null ? null : POSTGRESQL_URL.matcher(url);
        if (parts == null || !parts.matches()) {
            throw new IllegalStateException("No PostgreSQL JDBC URL to put the proxy in front of: " + url);
        }
        int port = parts.group(2) == null ? 5432 : Integer.parseInt(parts.group(2));
        proxy = new TcpProxy(new InetSocketAddress(parts.group(1), port));
        try {
            proxy.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(JDBC_URL, "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + parts.group(3));
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(proxy, new TestInjector.MatchesType(TcpProxy.class));
    }

    @Override
    public void stop() {
        if (proxy != null) {
            try {
                proxy.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
