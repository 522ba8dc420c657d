package io.accessflow.atlassian;

import java.time.Duration;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The retry cycle of the model's Atlassian steps, as {@code ${atlassianRetries.cycle()}} in their
 * {@code camunda:failedJobRetryTimeCycle}: set once for all of them by
 * {@code accessflow.atlassian.retry-cycle}.
 */
@Component("atlassianRetries")
public class AtlassianRetries {

  private final String cycle;

  AtlassianRetries(AtlassianProperties properties) {
    this.cycle = properties.retryCycle().stream().map(Duration::toString).collect(Collectors.joining(","));
  }

  /** The engine's notation, e.g. {@code PT10S,PT1M,PT5M}: the first try, then one retry after each wait. */
  public String cycle() {
    return cycle;
  }
}
