package io.pushledger.domain.port.in;

/** Why pushes ended, in numbers. */
public interface CountInterruptionsUseCase {

    InterruptionCounts count(CountInterruptionsQuery query);
}
