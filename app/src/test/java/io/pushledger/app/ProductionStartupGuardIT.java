package io.pushledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged service in its production profile: it refuses to start unsafe and says which variable to
 * set, and it logs JSON lines.
 */
class ProductionStartupGuardIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Ledger ledger = Ledger.ofTestDatabase();
    private ServiceProcess service;

    @AfterEach
    void stop() throws InterruptedException {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void withoutACallbackKeyItDoesNotStartAndNamesTheVariable() throws Exception {
        assertRefusesToStart(Map.of("PUSHLEDGER_CALLBACK_KEYS", ""), "PUSHLEDGER_CALLBACK_KEYS");
    }

    @Test
    void withoutAnApiTokenItDoesNotStartAndNamesTheVariable() throws Exception {
        assertRefusesToStart(Map.of("PUSHLEDGER_API_TOKENS", ""), "PUSHLEDGER_API_TOKENS");
    }

    @Test
    void withoutADatasourceUrlItDoesNotStartAndNamesTheSetting() throws Exception {
        // Production has no embedded PostgreSQL and no default URL (ADR 13).
        service = ServiceProcess.start("startup-guard-datasource-url-it", ledger,
                Map.of("QUARKUS_DATASOURCE_JDBC_URL", ""));

        assertThat(service.waitForExit(Duration.ofSeconds(120))).as("the service gave up starting").isTrue();
        assertThat(service.exitValue()).as("exit status").isNotZero();
        assertThat(Files.readString(service.log())).contains("its URL is not set")
                .contains("set configuration property 'quarkus.datasource.jdbc.url'");
    }

    @Test
    void unsignedCallbacksExplicitlyAllowedReplaceTheKey() throws Exception {
        service = ServiceProcess.start("startup-guard-unsigned-it", ledger,
                Map.of("PUSHLEDGER_CALLBACK_KEYS", "", "PUSHLEDGER_CALLBACK_ALLOW_UNSIGNED", "true"));
        service.awaitReady(Duration.ofSeconds(120));
    }

    @Test
    void inProductionEveryLogLineIsAJsonObject() throws Exception {
        service = ServiceProcess.start("startup-guard-json-logs-it", ledger).awaitReady(Duration.ofSeconds(120));

        List<String> lines = Files.readAllLines(service.log()).stream().filter(line -> !line.isBlank()).toList();
        assertThat(lines).isNotEmpty().allSatisfy(line ->
                assertThat(JSON.readTree(line).isObject()).as(line).isTrue());
    }

    private void assertRefusesToStart(Map<String, String> environment, String variable) throws Exception {
        service = ServiceProcess.start("startup-guard-" + variable.toLowerCase() + "-it", ledger, environment);

        assertThat(service.waitForExit(Duration.ofSeconds(120))).as("the service gave up starting").isTrue();
        assertThat(service.exitValue()).as("exit status").isNotZero();
        assertThat(Files.readString(service.log())).contains("PushLedger cannot start").contains("set " + variable);
    }
}
