package io.pushledger.adapter.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
class PushSessionRepository implements PanacheRepositoryBase<PushSessionEntity, String> {
}
