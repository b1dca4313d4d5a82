package io.pushledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests the build writes on package: probes on the health endpoints of the management
 * port, which the Service does not expose and Prometheus scrapes, resources,
 * every secret setting taken from the Secret, and migrations left to the application (no init Job).
 */
class KubernetesManifestIT {

    private static final Path MANIFEST = Path.of("target", "kubernetes", "kubernetes.yml");
    private static final int MANAGEMENT_PORT = 9000;

    private static List<JsonNode> resources;
    private static JsonNode container;

    @BeforeAll
    static void readManifest() throws IOException {
        resources = new ArrayList<>();
        new YAMLMapper().readerFor(JsonNode.class).readValues(MANIFEST.toFile()).forEachRemaining(
                node -> resources.add((JsonNode) node));
        JsonNode deployment = only("Deployment");
        container = deployment.at("/spec/template/spec/containers/0");
    }

    @Test
    void theProbesCallTheHealthEndpointsOnTheManagementPort() {
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
        assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/q/health/started");
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertThat(container.at("/" + probe + "/httpGet/port").asInt()).as(probe).isEqualTo(MANAGEMENT_PORT);
        }
        assertThat(containerPorts()).containsExactlyInAnyOrderEntriesOf(Map.of("http", 8080, "management", MANAGEMENT_PORT));
    }

    @Test
    void theServiceExposesTheServicePortOnlyAndPrometheusScrapesTheManagementPort() {
        assertThat(only("Service").at("/spec/ports")).singleElement()
                .satisfies(port -> assertThat(port.path("targetPort").asInt()).isEqualTo(8080));
        assertThat(only("ServiceMonitor").at("/spec/endpoints")).singleElement().satisfies(endpoint -> {
            assertThat(endpoint.path("targetPort").asInt()).isEqualTo(MANAGEMENT_PORT);
            assertThat(endpoint.path("path").asText()).isEqualTo("/q/metrics");
        });
        assertThat(only("Deployment").at("/spec/template/metadata/annotations/prometheus.io~1port").asText())
                .isEqualTo(String.valueOf(MANAGEMENT_PORT));
    }

    @Test
    void keysTokensAndDatabaseSettingsComeFromTheSecret() {
        Map<String, String> fromSecret = env()
                .filter(env -> env.has("valueFrom") && env.get("valueFrom").has("secretKeyRef"))
                .collect(Collectors.toMap(env -> env.get("name").asText(),
                        env -> env.at("/valueFrom/secretKeyRef/name").asText() + "/"
                                + env.at("/valueFrom/secretKeyRef/key").asText()));

        assertThat(fromSecret).containsExactlyInAnyOrderEntriesOf(Map.of(
                "PUSHLEDGER_CALLBACK_KEYS", "pushledger/callback-keys",
                "PUSHLEDGER_API_TOKENS", "pushledger/api-tokens",
                "QUARKUS_DATASOURCE_JDBC_URL", "pushledger/datasource-jdbc-url",
                "QUARKUS_DATASOURCE_USERNAME", "pushledger/datasource-username",
                "QUARKUS_DATASOURCE_PASSWORD", "pushledger/datasource-password"));
        assertThat(env().map(env -> env.get("name").asText()).filter(fromSecret::containsKey))
                .as("each set once, never with a value written into the manifest").hasSize(fromSecret.size());
    }

    @Test
    void resourcesAreRequestedAndLimited() {
        JsonNode limits = container.at("/resources/limits");
        JsonNode requests = container.at("/resources/requests");
        assertThat(requests.path("memory").asText()).isNotEmpty();
        assertThat(requests.path("cpu").asText()).isNotEmpty();
        assertThat(limits.path("memory").asText()).isNotEmpty();
        assertThat(limits.path("cpu").asText()).isNotEmpty();
    }

    /**
     * Sized from the measured resident memory of what was packaged (docs/native.md, docs/deploy.md): the native
     * executable needs well under half of the fast-jar's, and its manifest (-Dnative) asks for that.
     */
    @Test
    void theMemoryFitsThePackagedArtifact() throws IOException {
        boolean nativeExecutable = ServiceProcess.packagedAsNative();
        assertThat(container.at("/resources/requests/memory").asText()).isEqualTo(nativeExecutable ? "192Mi" : "256Mi");
        assertThat(container.at("/resources/limits/memory").asText()).isEqualTo(nativeExecutable ? "384Mi" : "512Mi");
    }

    @Test
    void theApplicationMigratesItselfWithoutAnInitJob() {
        assertThat(resources).noneMatch(resource -> resource.path("kind").asText().equals("Job"));
        assertThat(env().map(env -> env.get("name").asText())).doesNotContain("QUARKUS_FLYWAY_ACTIVE");
    }

    @Test
    void theSelectorSurvivesAnUpgrade() {
        assertThat(only("Deployment").at("/spec/selector/matchLabels").has("app.kubernetes.io/version")).isFalse();
        assertThat(only("Service").at("/spec/selector").has("app.kubernetes.io/version")).isFalse();
    }

    @Test
    void thePodRunsAsNonRoot() {
        assertThat(only("Deployment").at("/spec/template/spec/securityContext/runAsNonRoot").asBoolean()).isTrue();
    }

    private static Map<String, Integer> containerPorts() {
        return StreamSupport.stream(container.get("ports").spliterator(), false)
                .collect(Collectors.toMap(port -> port.get("name").asText(), port -> port.get("containerPort").asInt()));
    }

    private static Stream<JsonNode> env() {
        return StreamSupport.stream(container.get("env").spliterator(), false);
    }

    private static JsonNode only(String kind) {
        List<JsonNode> matching = resources.stream().filter(r -> r.path("kind").asText().equals(kind)).toList();
        assertThat(matching).as(kind + " in " + MANIFEST).hasSize(1);
        return matching.get(0);
    }
}
