package io.pushledger.adapter.http.callback;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pushledger.adapter.http.problem.Problem;
import io.pushledger.domain.model.CallbackSignatures;
import io.pushledger.domain.model.CallbackUrlToken;
import io.pushledger.domain.model.EventTimeLimit;
import io.pushledger.domain.model.SignatureVerdict;
import io.pushledger.domain.port.in.RecordCallbackCommand;
import io.pushledger.domain.port.in.RecordCallbackUseCase;
import io.pushledger.domain.port.in.RecordOutcome;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletionStage;

/**
 * The URL for the CSS callback template. Checks a callback in SPEC §1's order — size, JSON, signature
 * (after the optional URL token), expiry, fields — then records it and answers {@code {"code":0}} once the record is
 * committed, or 400 if the database refuses the callback's content (retrying it would not help).
 */
@Path("/callbacks/css")
public class CssCallbackResource {

    private final CallbackUrlToken urlToken;
    private final CallbackSignatures signatures;
    private final EventTimeLimit eventTimeLimit;
    private final RecordCallbackUseCase recordCallback;
    private final CallbackObserver observer;

    public CssCallbackResource(CallbackUrlToken urlToken, CallbackSignatures signatures, EventTimeLimit eventTimeLimit,
            RecordCallbackUseCase recordCallback, CallbackObserver observer) {
        this.urlToken = urlToken;
        this.signatures = signatures;
        this.eventTimeLimit = eventTimeLimit;
        this.recordCallback = recordCallback;
        this.observer = observer;
    }

    /**
     * Runs on the event loop: the checks are quick and nothing here blocks; the answer goes out when the
     * group commit holding the callback completes the stage.
     */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<CallbackAck> receive(byte[] body, @QueryParam("token") String token,
            @Context HttpServerRequest request) {
        RecordCallbackCommand command;
        try {
            command = readAuthentic(body, token);
        } catch (Problem refused) {
            observer.refused(refused, request.remoteAddress().hostAddress());
            throw refused;
        }
        return recordCallback.record(command)
                .whenComplete((outcome, failure) -> {
                    if (failure == null) {
                        observer.recorded(outcome);
                    } else {
                        observer.notStored(command.event());
                    }
                })
                .thenApply(outcome -> {
                    if (outcome instanceof RecordOutcome.Refused refused) {
                        Problem problem = CallbackProblems.unstorable(refused.problem());
                        observer.refused(problem, request.remoteAddress().hostAddress());
                        throw problem;
                    }
                    return CallbackAck.OK;
                });
    }

    /** The callback to record, its body kept as the text that was parsed. */
    private RecordCallbackCommand readAuthentic(byte[] body, String token) {
        if (body.length > CallbackProblems.MAX_BODY_BYTES) {
            throw CallbackProblems.tooLarge();
        }
        String text = CallbackJson.decode(body);
        ObjectNode json = CallbackJson.parseObject(text);
        if (!urlToken.admits(token)) {
            throw CallbackProblems.unauthenticated("url-token-mismatch",
                    "The callback URL's token parameter is missing or wrong.");
        }
        authenticate(new CallbackFields(json));
        return new RecordCallbackCommand(CallbackReader.read(json, eventTimeLimit), text);
    }

    private void authenticate(CallbackFields fields) {
        String t = fields.decimalText("t");
        SignatureVerdict verdict = signatures.verify(t, fields.rawText("sign"));
        switch (verdict) {
            case AUTHENTIC -> {
            }
            case MISSING -> throw CallbackProblems.unauthenticated("signature-missing",
                    "The callback is not signed: it needs t (unix seconds) and sign = MD5(key + t).");
            case MISMATCH -> throw CallbackProblems.unauthenticated("signature-mismatch",
                    "sign does not match MD5(key + t) for any configured callback key.");
            case EXPIRED -> throw CallbackProblems.unauthenticated("signature-expired",
                    "The signature expired at t=" + t + ", longer ago than the allowed clock skew.");
            case TOO_FAR_AHEAD -> throw CallbackProblems.unauthenticated("signature-too-far-ahead",
                    "t=" + t + " is more than " + signatures.furthestExpiry().toSeconds()
                            + " s ahead of now, further than Tencent signs (its validity period plus the clock skew).");
        }
    }
}
