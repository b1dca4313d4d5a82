package io.pushledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The console in headless Chromium (Debian's chromium, driven by playwright-core from npm): the node script
 * {@code src/test/e2e/console.e2e.mjs} signs in, sends signed callbacks and watches the page follow them, against
 * the packaged service. Its screenshots go to {@code docs/}. {@code .ci/run} installs Chromium and the npm
 * package; the npm package is installed here too when missing ({@code npm ci}, pinned by package-lock.json).
 */
class ConsoleE2EIT {

    private static final Path E2E = Path.of("src", "test", "e2e").toAbsolutePath();
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path LOG = Path.of("target", "console-e2e.log");

    private final Ledger ledger = Ledger.ofTestDatabase();
    private ServiceProcess service;

    @AfterEach
    void stopTheService() throws InterruptedException {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void theConsolePassesItsEndToEndTestsInHeadlessChromium() throws Exception {
        assertThat(CHROMIUM).as("Debian's chromium (apt-get install chromium; .ci/run does it)").isExecutable();
        installPlaywrightWhenMissing();
        service = ServiceProcess.start("console-e2e-it", ledger).awaitReady(Duration.ofSeconds(120));

        ProcessBuilder node = new ProcessBuilder("node", E2E.resolve("console.e2e.mjs").toString())
                .directory(E2E.toFile()).redirectErrorStream(true).redirectOutput(LOG.toFile());
        node.environment().putAll(Map.of(
                "BASE_URL", service.uri("").toString(),
                "API_TOKEN", "test-api-token",
                "CALLBACK_KEY", SignedCallback.KEY,
                "CHROMIUM", CHROMIUM.toString(),
                "SCREENSHOTS", Path.of("..", "docs", "console").toAbsolutePath().normalize().toString()));
        Process run = node.start();
        boolean finished = run.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            run.destroyForcibly();
        }
        String output = Files.readString(LOG);
        System.out.println(output);
        assertThat(finished).as("the end-to-end tests finished within 5 minutes").isTrue();
        assertThat(run.exitValue()).as("the end-to-end tests' exit status; output:%n%s", output).isZero();
        assertThat(output).contains(" passed, 0 failed");
    }

    private static void installPlaywrightWhenMissing() throws IOException, InterruptedException {
        if (Files.isDirectory(E2E.resolve("node_modules").resolve("playwright-core"))) {
            return;
        }
        Process npm = new ProcessBuilder(List.of("npm", "ci", "--no-audit", "--no-fund"))
                .directory(E2E.toFile()).inheritIO().start();
        assertThat(npm.waitFor(5, TimeUnit.MINUTES) && npm.exitValue() == 0).as("npm ci in " + E2E).isTrue();
    }
}
