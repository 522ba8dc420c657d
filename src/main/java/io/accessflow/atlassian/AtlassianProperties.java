package io.accessflow.atlassian;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
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
 */
@Validated
@ConfigurationProperties("accessflow.atlassian")
public record AtlassianProperties(
    String baseUrl,
    String email,
    String apiToken,
    @NotNull @DefaultValue("5s") Duration connectTimeout,
    @NotNull @DefaultValue("20s") Duration readTimeout) {

  public boolean hasSite() {
    return baseUrl != null && !baseUrl.isBlank();
  }

  @Override
  public String toString() {
    return "AtlassianProperties[baseUrl=" + baseUrl + ", email=" + email
        + ", apiToken=" + (apiToken == null || apiToken.isEmpty() ? "<none>" : "<redacted>")
        + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + "]";
  }
}
