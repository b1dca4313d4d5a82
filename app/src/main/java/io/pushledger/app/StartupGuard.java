package io.pushledger.app;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * In production, refuses to start without what makes the service safe to expose: a callback key
 * (unless unsigned callbacks are explicitly allowed) and an API token. Unsigned callbacks allowed
 * with no key are worth a warning at every start, wherever it runs.
 */
public class StartupGuard {

    private static final Logger LOG = Logger.getLogger(StartupGuard.class);

    void onStart(@Observes StartupEvent event, PushLedgerConfig config) {
        if (acceptsUnsignedCallbacks(config.callback())) {
            LOG.warn("PUSHLEDGER_CALLBACK_ALLOW_UNSIGNED=true and no PUSHLEDGER_CALLBACK_KEYS: every callback is"
                    + " stored unchecked, so anybody who can reach /callbacks/css can write the history");
        }
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

    private static boolean acceptsUnsignedCallbacks(PushLedgerConfig.Callback callback) {
        return callback.allowUnsigned() && !hasValue(callback.keys().orElse(List.of()));
    }

    private static boolean hasValue(List<String> values) {
        return values.stream().anyMatch(value -> !value.isBlank());
    }
}
