package io.accessflow.atlassian;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** Health component {@code atlassian}: the cached connection check (at most one call a minute). */
@Component
class AtlassianHealthIndicator implements HealthIndicator {

  private final ConnectionCheck check;

  AtlassianHealthIndicator(ConnectionCheck check) {
    this.check = check;
  }

  @Override
  public Health health() {
    ConnectionReport report = check.cached();
    Health.Builder health = report.status() == ConnectionStatus.OK ? Health.up() : Health.down();
    health.withDetail("status", report.status())
        .withDetail("message", report.message())
        .withDetail("siteUrl", report.siteUrl())
        .withDetail("checkedAt", report.checkedAt().toString());
    if (report.account() != null) {
      health.withDetail("account", report.account());
    }
    if (report.sandbox()) {
      health.withDetail("sandbox", "IN USE: no Atlassian site is configured; changes go to the in-memory sandbox");
    }
    return health.build();
  }
}
