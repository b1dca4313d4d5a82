package io.pushledger.app;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;

/**
 * In production, refuses to start without what makes the service safe to expose: a callback key
 * (unless unsigned callbacks are explicitly allowed) and an API token.
 */
public class StartupGuard {

    void onStart(@Observes StartupEvent event, PushLedgerConfig config) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        List<String> missing = missingSettings(config);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("PushLedger cannot start: " + String.join("; ", missing));
        }
    }

    static List<String> missingSettings(PushLedgerConfig config) {
        List<String> missing = new ArrayList<>();
        PushLedgerConfig.Callback callback = config.callback();
        if (!hasValue(callback.keys().orElse(List.of())) && !callback.allowUnsigned()) {
            missing.add("set PUSHLEDGER_CALLBACK_KEYS to the callback key of the CSS console"
                    + " (or PUSHLEDGER_CALLBACK_ALLOW_UNSIGNED=true to accept unsigned callbacks)");
        }
        if (!hasValue(config.api().tokens().orElse(List.of()))) {
            missing.add("set PUSHLEDGER_API_TOKENS to at least one bearer token for the history API");
        }
        return missing;
    }

    private static boolean hasValue(List<String> values) {
        return values.stream().anyMatch(value -> !value.isBlank());
    }
}
