package io.pushledger.app;

import static io.pushledger.app.SignedCallback.aPushStart;
import static io.pushledger.app.SignedCallback.uniqueSequence;
import static io.pushledger.app.SignedCallback.uniqueStream;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Refused callbacks are logged, and neither the log nor the answer holds a key, a token or a signature. */
@QuarkusTest
class SecretsStayOutOfLogsTest {

    @Test
    void refusalsAreLoggedWithoutKeysTokensOrSignatures() {
        String stream = uniqueStream();
        List<String> bodies = List.of(
                aPushStart(uniqueSequence(), stream).signedWith("attacker-key").json(),
                aPushStart(uniqueSequence(), stream).with("width", 1.5).json(),
                aPushStart(uniqueSequence(), stream).expiringAt(Instant.now().minusSeconds(3600).getEpochSecond()).json(),
                aPushStart(uniqueSequence(), stream).without("stream_id").json());
        List<String> signatures = bodies.stream()
                .map(body -> body.replaceFirst(".*\"sign\":\"([0-9a-f]{32})\".*", "$1"))
                .toList();
        // A signature pasted unquoted into broken JSON, where a parser might quote it back.
        String broken = "{\"sign\": " + signatures.get(1) + "}";

        List<String> logged = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord entry) {
                logged.add(String.valueOf(entry.getMessage()) + " " + List.of(
                        entry.getParameters() == null ? new Object[0] : entry.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            for (String body : bodies) {
                answers.add(CallbackRecordingTest.post(body).extract().asString());
            }
            answers.add(CallbackRecordingTest.post(broken).statusCode(400).extract().asString());
        } finally {
            root.removeHandler(capture);
        }

        String everything = String.join("\n", logged) + "\n" + String.join("\n", answers);
        assertThat(logged).filteredOn(line -> line.contains("Callback refused")).hasSize(bodies.size() + 1);
        assertThat(everything).doesNotContain(SignedCallback.KEY, SignedCallback.ROTATED_KEY, "attacker-key",
                "test-api-token");
        for (String signature : signatures) {
            assertThat(everything).doesNotContain(signature);
        }
    }
}
