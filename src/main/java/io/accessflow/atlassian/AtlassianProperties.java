package io.accessflow.atlassian;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Atlassian Cloud site and the account that acts on it.
 *
 * @param baseUrl the site, e.g. {@code https://yourcompany.atlassian.net}; empty = the embedded sandbox
 * @param email the account's email address (basic-auth user name)
 * @param apiToken a personal API token of that account (never logged, never in {@link #toString()})
 * @param connectTimeout how long to wait for a TCP/TLS connection
 * @param readTimeout how long to wait for an answer; kept far below the job lock time (5 min)
 * @param retryCycle the waits before each retry of a step that Atlassian failed (5xx, no answer);
 *     after the last one the step stops with an incident. Rate limits wait their Retry-After
 *     instead and use no retry.
 */
@Validated
@ConfigurationProperties("accessflow.atlassian")
public record AtlassianProperties(
    String baseUrl,
    String email,
    String apiToken,
    @NotNull @DefaultValue("5s") Duration connectTimeout,
    @NotNull @DefaultValue("20s") Duration readTimeout,
    @NotEmpty @DefaultValue({"PT10S", "PT1M", "PT5M", "PT15M", "PT1H"}) List<@NotNull Duration> retryCycle) {

  public AtlassianProperties {
    if (retryCycle != null && retryCycle.stream().anyMatch(wait -> wait == null || wait.isNegative() || wait.isZero())) {
      throw new IllegalArgumentException("accessflow.atlassian.retry-cycle: every wait must be longer than zero, not " + retryCycle);
    }
  }

  public boolean hasSite() {
    return baseUrl != null && !baseUrl.isBlank();
  }

  @Override
  public String toString() {
    return "AtlassianProperties[baseUrl=" + baseUrl + ", email=" + email
        + ", apiToken=" + (apiToken == null || apiToken.isEmpty() ? "<none>" : "<redacted>")
        + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", retryCycle=" + retryCycle + "]";
  }
}
