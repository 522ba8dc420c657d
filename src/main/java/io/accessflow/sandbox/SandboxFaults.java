package io.accessflow.sandbox;

import io.accessflow.atlassian.SiteMode;
import java.time.Duration;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * The faults the sandbox injects, changeable at run time (tests turn them up and back down);
 * starts from, and {@link #reset()}s to, the configured {@link SandboxProperties}.
 */
@Component
@Conditional(SiteMode.OnSandbox.class)
public class SandboxFaults {

  private final SandboxProperties configured;
  private volatile Duration latency;
  private volatile double failureRate;
  private volatile double rateLimitRate;
  private volatile Duration retryAfter;
  private volatile double unavailableShare;

  SandboxFaults(SandboxProperties configured) {
    this.configured = configured;
    reset();
  }

  public final void reset() {
    latency = configured.latency();
    failureRate = configured.failureRate();
    rateLimitRate = configured.rateLimitRate();
    retryAfter = configured.retryAfter();
    unavailableShare = 0.5;
  }

  public Duration latency() {
    return latency;
  }

  public void setLatency(Duration latency) {
    this.latency = requireNonNegative(latency);
  }

  public double failureRate() {
    return failureRate;
  }

  /** Share of calls (0..1) answered 500 or 503. */
  public void setFailureRate(double failureRate) {
    this.failureRate = requireRate(failureRate);
  }

  public double rateLimitRate() {
    return rateLimitRate;
  }

  /** Share of calls (0..1) answered 429. */
  public void setRateLimitRate(double rateLimitRate) {
    this.rateLimitRate = requireRate(rateLimitRate);
  }

  /** Share (0..1) of injected failures answered 503 with {@code Retry-After}; the rest are 500. Half by default. */
  public double unavailableShare() {
    return unavailableShare;
  }

  public void setUnavailableShare(double share) {
    this.unavailableShare = requireRate(share);
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  public void setRetryAfter(Duration retryAfter) {
    this.retryAfter = requireNonNegative(retryAfter);
  }

  /** The {@code Retry-After} header value: whole seconds, at least 1 (the header has no fractions). */
  long retryAfterSeconds() {
    Duration value = retryAfter;
    long seconds = value.getSeconds() + (value.getNano() > 0 ? 1 : 0);
    return Math.max(1, seconds);
  }

  private static double requireRate(double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("A rate is between 0 and 1, not " + rate);
    }
    return rate;
  }

  private static Duration requireNonNegative(Duration duration) {
    if (duration == null || duration.isNegative()) {
      throw new IllegalArgumentException("A duration must not be null or negative: " + duration);
    }
    return duration;
  }
}
