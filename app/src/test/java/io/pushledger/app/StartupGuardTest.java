package io.pushledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What production refuses to start without, and how it says so. */
class StartupGuardTest {

    @Test
    void withAKeyAndATokenNothingIsMissing() {
        assertThat(StartupGuard.missingSettings(config(List.of("key"), false, List.of("token")))).isEmpty();
    }

    @Test
    void withoutACallbackKeyItNamesTheVariableToSet() {
        assertThat(StartupGuard.missingSettings(config(List.of(), false, List.of("token"))))
                .singleElement().asString().contains("PUSHLEDGER_CALLBACK_KEYS");
    }

    @Test
    void blankKeysCountAsNone() {
        assertThat(StartupGuard.missingSettings(config(List.of(" "), false, List.of("token"))))
                .singleElement().asString().contains("PUSHLEDGER_CALLBACK_KEYS");
    }

    @Test
    void allowingUnsignedCallbacksExplicitlyReplacesTheKey() {
        assertThat(StartupGuard.missingSettings(config(List.of(), true, List.of("token")))).isEmpty();
    }

    @Test
    void withoutAnApiTokenItNamesTheVariableToSet() {
        assertThat(StartupGuard.missingSettings(config(List.of("key"), false, List.of())))
                .singleElement().asString().contains("PUSHLEDGER_API_TOKENS");
    }

    @Test
    void withNeitherItNamesBoth() {
        assertThat(StartupGuard.missingSettings(config(List.of(), false, List.of()))).hasSize(2);
    }

    private static PushLedgerConfig config(List<String> keys, boolean allowUnsigned, List<String> tokens) {
        PushLedgerConfig.Callback callback = new PushLedgerConfig.Callback() {
            @Override
            public Optional<List<String>> keys() {
                return Optional.of(keys);
            }

            @Override
            public Duration clockSkew() {
                return Duration.ofSeconds(60);
            }

            @Override
            public Duration signatureValidity() {
                return Duration.ofMinutes(10);
            }

            @Override
            public Duration maxEventTimeAhead() {
                return Duration.ofDays(1);
            }

            @Override
            public boolean allowUnsigned() {
                return allowUnsigned;
            }

            @Override
            public Optional<String> urlToken() {
                return Optional.empty();
            }

            @Override
            public PushLedgerConfig.GroupCommit groupCommit() {
                throw new UnsupportedOperationException("the guard does not read it");
            }
        };
        PushLedgerConfig.Api api = () -> Optional.of(tokens);
        return new PushLedgerConfig() {
            @Override
            public Callback callback() {
                return callback;
            }

            @Override
            public Api api() {
                return api;
            }

            @Override
            public Retention retention() {
                throw new UnsupportedOperationException("not needed here");
            }
        };
    }
}
