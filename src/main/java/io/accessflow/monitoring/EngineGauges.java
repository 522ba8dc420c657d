package io.accessflow.monitoring;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Gauges over the engine's database: open incidents and jobs that are due but not acquired by
 * any node (a growing number means the job executors do not keep up, or none runs). Both are
 * the same on every node of a cluster; aggregate them with max, not sum.
 */
@Component
class EngineGauges {

  static final String INCIDENTS = "accessflow.incidents.open";
  static final String JOBS_DUE = "accessflow.jobs.due";
  /** A scrape reads the database at most once per this interval and gauge. */
  static final Duration REFRESH = Duration.ofSeconds(15);

  // fields: a gauge holds its object weakly, and a collected one reads NaN
  private final Cached incidents;
  private final Cached due;

  EngineGauges(MeterRegistry meters, RuntimeService runtimeService, ManagementService managementService) {
    incidents = new Cached(() -> runtimeService.createIncidentQuery().count(), REFRESH, Clock.systemUTC());
    due = new Cached(() -> managementService.createJobQuery().executable().active().count()
        - managementService.createJobQuery().executable().active().acquired().count(), REFRESH, Clock.systemUTC());
    Gauge.builder(INCIDENTS, incidents, Cached::get).description("Open incidents (failed jobs out of retries and other incidents)")
        .register(meters);
    Gauge.builder(JOBS_DUE, due, Cached::get).description("Jobs due now that no job executor has acquired yet")
        .register(meters);
  }

  /** A value read at most once per interval; a failed read shows as NaN until the next one. */
  static final class Cached {
    private static final Logger LOG = LoggerFactory.getLogger(EngineGauges.class);
    private final LongSupplier read;
    private final Duration interval;
    private final Clock clock;
    private Instant readAt;
    private double value = Double.NaN;

    Cached(LongSupplier read, Duration interval, Clock clock) {
      this.read = read;
      this.interval = interval;
      this.clock = clock;
    }

    synchronized double get() {
      Instant now = clock.instant();
      if (readAt == null || !now.isBefore(readAt.plus(interval))) {
        readAt = now;
        try {
          value = Math.max(0, read.getAsLong());
        } catch (RuntimeException e) {
          LOG.warn("Reading a gauge from the engine's database failed: {}", e.toString());
          value = Double.NaN;
        }
      }
      return value;
    }
  }
}
