package io.pushledger.adapter.http.history;

import io.pushledger.domain.model.InterruptionCategory;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The interruption taxonomy, rendered from {@link InterruptionCategory}. */
@Schema(name = "ErrorCodes")
public record ErrorCodesResponse(List<Category> categories) {

    static ErrorCodesResponse taxonomy() {
        return new ErrorCodesResponse(Arrays.stream(InterruptionCategory.values())
                .map(category -> new Category(category, category.description(), category.abnormal(), category.codes(),
                        category.takesUnlistedCodes()))
                .toList());
    }

    @Schema(name = "ErrorCategory")
    public record Category(
            InterruptionCategory category,
            String description,
            @Schema(description = "whether a push ending this way is a fault rather than the client's decision")
            boolean abnormal,
            @Schema(description = "the errcodes of the vendor's table in this category") List<Integer> errcodes,
            @Schema(description = "whether errcodes the table does not list also fall into this category")
            boolean unlistedCodes) {
    }
}
