package io.pushledger.domain.model;

/** Why a push ended: the raw code and message as sent, and their place in the taxonomy. */
public record Interruption(Integer errcode, String errmsg, InterruptionCategory category) {

    public Interruption {
        if (category == null) {
            throw new IllegalArgumentException("an interruption has a category");
        }
    }

    public static Interruption of(Integer errcode, String errmsg) {
        return new Interruption(errcode, errmsg, InterruptionCategory.of(errcode));
    }

    public boolean abnormal() {
        return category.abnormal();
    }
}
