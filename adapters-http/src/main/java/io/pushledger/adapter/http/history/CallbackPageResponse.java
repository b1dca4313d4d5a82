package io.pushledger.adapter.http.history;

import io.pushledger.domain.port.in.CallbackPage;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "EventPage")
public record CallbackPageResponse(
        List<CallbackResponse> items,
        @Schema(description = "pass as cursor for the next page; null on the last page", nullable = true)
        String nextCursor) {

    static CallbackPageResponse of(CallbackPage page) {
        return new CallbackPageResponse(page.items().stream().map(CallbackResponse::of).toList(),
                page.next() == null ? null : Cursors.of(page.next()));
    }
}
