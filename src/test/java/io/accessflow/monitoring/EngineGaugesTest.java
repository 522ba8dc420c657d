package io.accessflow.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EngineGaugesTest {

  private Instant now = Instant.parse("2026-01-05T09:00:00Z");
  private final Clock clock = new Clock() {
    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  };

  @Test
  void aScrapeReadsTheDatabaseAtMostOncePerInterval() {
    AtomicLong reads = new AtomicLong();
    EngineGauges.Cached gauge = new EngineGauges.Cached(reads::incrementAndGet, Duration.ofSeconds(15), clock);

    assertThat(gauge.get()).isEqualTo(1);
    now = now.plusSeconds(14);
    assertThat(gauge.get()).isEqualTo(1);
    now = now.plusSeconds(1);
    assertThat(gauge.get()).isEqualTo(2);
    assertThat(reads).hasValue(2);
  }

  @Test
  void aFailedReadShowsAsNotANumberUntilTheNextRead() {
    AtomicLong reads = new AtomicLong();
    EngineGauges.Cached gauge = new EngineGauges.Cached(() -> {
      if (reads.incrementAndGet() == 1) {
        throw new IllegalStateException("database down");
      }
      return 3;
    }, Duration.ofSeconds(15), clock);

    assertThat(gauge.get()).isNaN();
    now = now.plusSeconds(15);
    assertThat(gauge.get()).isEqualTo(3);
  }
}
