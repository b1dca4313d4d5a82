package io.pushledger.app;

import io.pushledger.adapter.http.security.ApiTokens;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/** Hands the configured API tokens to the HTTP adapter, which owns how they are checked. */
public class ApiSecurityWiring {

    @Produces
    @Singleton
    ApiTokens apiTokens(PushLedgerConfig config) {
        return new ApiTokens(config.api().tokens().orElse(List.of()));
    }
}
