package io.pushledger.app;

import io.pushledger.domain.model.CallbackSignatures;
import io.pushledger.domain.model.CallbackUrlToken;
import io.pushledger.domain.model.EventTimeLimit;
import io.pushledger.domain.model.RetentionPolicy;
import io.pushledger.domain.model.SignatureKey;
import io.pushledger.domain.port.in.ExpireHistoryUseCase;
import io.pushledger.domain.port.in.FindCallbacksUseCase;
import io.pushledger.domain.port.in.FollowSessionChangesUseCase;
import io.pushledger.domain.port.out.CallbackHistory;
import io.pushledger.domain.port.out.CallbackLedger;
import io.pushledger.domain.port.out.SessionChanges;
import io.pushledger.domain.port.out.SessionHistory;
import io.pushledger.domain.port.out.SessionLedger;
import io.pushledger.domain.service.CallbackHistoryService;
import io.pushledger.domain.service.ExpireHistoryService;
import io.pushledger.domain.service.RecordCallbackService;
import io.pushledger.domain.service.SessionChangeService;
import io.pushledger.domain.service.SessionHistoryService;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;

/** Creates the domain's services, which know no framework, and hands them their ports. */
public class DomainWiring {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    CallbackSignatures callbackSignatures(PushLedgerConfig config, Clock clock) {
        PushLedgerConfig.Callback callback = config.callback();
        List<SignatureKey> keys = callback.keys().orElse(List.of()).stream()
                .filter(key -> !key.isBlank())
                .map(SignatureKey::new)
                .toList();
        return new CallbackSignatures(keys, callback.clockSkew(), callback.signatureValidity(), callback.allowUnsigned(),
                clock);
    }

    @Produces
    @Singleton
    EventTimeLimit eventTimeLimit(PushLedgerConfig config, Clock clock) {
        return new EventTimeLimit(config.callback().maxEventTimeAhead(), clock);
    }

    @Produces
    @Singleton
    CallbackUrlToken callbackUrlToken(PushLedgerConfig config) {
        return config.callback().urlToken().filter(token -> !token.isBlank())
                .map(CallbackUrlToken::new)
                .orElse(CallbackUrlToken.NONE);
    }

    @Produces
    @Singleton
    ExpireHistoryUseCase expireHistory(CallbackLedger events, SessionLedger sessions, PushLedgerConfig config,
            Clock clock) {
        PushLedgerConfig.Retention retention = config.retention();
        return new ExpireHistoryService(events, sessions,
                new RetentionPolicy(retention.maxAge(), retention.batchSize()), clock);
    }

    /** Only {@link GroupCommit} uses it directly: callbacks are recorded through the group commit. */
    @Produces
    @Singleton
    @Typed(RecordCallbackService.class)
    RecordCallbackService recordCallback(CallbackLedger events, SessionLedger sessions,
            CallbackTransactions transactions, Clock clock, PushLedgerConfig config) {
        // A commit is one read, bounded by the socket timeout, and a second is left for the Java around it.
        return new RecordCallbackService(events, sessions, transactions, clock,
                config.callback().groupCommit().socketTimeout().plusSeconds(1));
    }

    /** Serves both FindSessionsUseCase and CountInterruptionsUseCase. Reads need no transaction of their own. */
    @Produces
    @Singleton
    SessionHistoryService sessionHistory(SessionHistory history, SessionLedger sessions, CallbackHistory callbacks) {
        return new SessionHistoryService(history, sessions, callbacks);
    }

    @Produces
    @Singleton
    FindCallbacksUseCase findCallbacks(CallbackHistory callbacks) {
        return new CallbackHistoryService(callbacks);
    }

    @Produces
    @Singleton
    FollowSessionChangesUseCase followSessionChanges(SessionChanges changes) {
        return new SessionChangeService(changes);
    }
}
