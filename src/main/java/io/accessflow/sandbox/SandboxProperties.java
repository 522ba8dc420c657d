package io.accessflow.sandbox;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The embedded Atlassian sandbox: its credentials and the faults it injects.
 *
 * @param apiToken the API token every active sandbox user authenticates with
 * @param latency added to every call
 * @param failureRate share of calls (0..1) answered 500 or 503
 * @param rateLimitRate share of calls (0..1) answered 429 with {@code Retry-After}
 * @param retryAfter the {@code Retry-After} delay of 429 (and 503) answers, whole seconds
 */
@Validated
@ConfigurationProperties("accessflow.sandbox")
public record SandboxProperties(
    @NotBlank @DefaultValue(SandboxProperties.DEFAULT_API_TOKEN) String apiToken,
    @NotNull @DefaultValue("0ms") Duration latency,
    @DecimalMin("0") @DecimalMax("1") @DefaultValue("0") double failureRate,
    @DecimalMin("0") @DecimalMax("1") @DefaultValue("0") double rateLimitRate,
    @NotNull @DefaultValue("1s") Duration retryAfter) {

  public static final String DEFAULT_API_TOKEN = "sandbox-token";
  public static final String ADMIN_EMAIL = "admin@example.com";

  @Override
  public String toString() {
    return "SandboxProperties[apiToken=<redacted>, latency=" + latency + ", failureRate=" + failureRate
        + ", rateLimitRate=" + rateLimitRate + ", retryAfter=" + retryAfter + "]";
  }
}
