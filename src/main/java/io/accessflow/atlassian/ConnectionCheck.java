package io.accessflow.atlassian;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The troubleshooting section of the guide, automated: can accessflow reach the site, are the
 * credentials a valid API token, and is the account a Jira administrator?
 */
@Component
public class ConnectionCheck {

  /** The health component calls Atlassian at most once per this interval. */
  static final Duration CACHE_TIME = Duration.ofMinutes(1);

  static final Map<String, String> REQUIRED_PERMISSIONS = Map.of(
      "ADMINISTER", "Administer Jira",
      "USER_PICKER", "Browse users and groups");

  private final AtlassianClient client;
  private final AtlassianSite site;
  private final String email;
  private final Clock clock;
  private ConnectionReport last;

  @Autowired
  public ConnectionCheck(AtlassianClient client, AtlassianSite site, AtlassianProperties properties) {
    this(client, site, properties.email(), Clock.systemUTC());
  }

  ConnectionCheck(AtlassianClient client, AtlassianSite site, String email, Clock clock) {
    this.client = client;
    this.site = site;
    this.email = email;
    this.clock = clock;
  }

  /** The last report if it is younger than a minute, else a fresh check. */
  public synchronized ConnectionReport cached() {
    if (last == null || !clock.instant().isBefore(last.checkedAt().plus(CACHE_TIME))) {
      return check();
    }
    return last;
  }

  /** Checks now: {@code /myself}, then the account's global permissions. */
  public synchronized ConnectionReport check() {
    last = probe();
    return last;
  }

  private ConnectionReport probe() {
    String siteUrl = site.baseUrl();
    AtlassianUser me;
    try {
      me = client.myself();
    } catch (AtlassianException.AuthenticationFailed e) {
      return report(ConnectionStatus.INVALID_CREDENTIALS, invalidCredentials(e), siteUrl, null);
    } catch (AtlassianException e) {
      return report(ConnectionStatus.UNREACHABLE, unreachable(e, siteUrl), siteUrl, null);
    }
    ConnectionReport.Account account = new ConnectionReport.Account(me.accountId(), me.displayName());
    Map<String, Boolean> granted;
    try {
      granted = client.permissions(List.copyOf(REQUIRED_PERMISSIONS.keySet()));
    } catch (AtlassianException e) {
      return report(ConnectionStatus.UNREACHABLE, "Connected as " + me.displayName()
          + ", but reading the account's permissions failed: " + e.getMessage(), siteUrl, account);
    }
    List<String> missing = granted.entrySet().stream().filter(p -> !p.getValue())
        .map(p -> "'" + REQUIRED_PERMISSIONS.get(p.getKey()) + "' (" + p.getKey() + ")").sorted().toList();
    if (!missing.isEmpty()) {
      return report(ConnectionStatus.MISSING_PERMISSIONS, "The account " + me.displayName() + " (" + me.accountId()
          + ") is not a Jira administrator: it lacks the global permission " + String.join(" and ", missing)
          + ". Grant it in Jira settings > System > Global permissions, and make the account a site admin"
          + " (admin.atlassian.com) so it can manage groups.", siteUrl, account);
    }
    String where = site.sandbox() ? "the embedded Atlassian sandbox (no real site configured)" : siteUrl;
    return report(ConnectionStatus.OK, "Connected to " + where + " as " + me.displayName() + " ("
        + me.accountId() + "), a Jira administrator.", siteUrl, account);
  }

  private String invalidCredentials(AtlassianException.AuthenticationFailed e) {
    String advice = "Atlassian rejected the credentials (HTTP 401 on /rest/api/3/myself). Check ATLASSIAN_EMAIL ('"
        + email + "') and set ATLASSIAN_API_TOKEN to a personal API token of that account, created at"
        + " id.atlassian.com > Security > API tokens; tokens expire after at most a year.";
    if (e.secretIsNotAnApiToken()) {
      advice += " Atlassian answered 'Basic authentication with passwords is deprecated': the secret is not an API"
          + " token of this account. It looks like an account password or an organization API key from"
          + " admin.atlassian.com (those work only as Bearer keys on api.atlassian.com), or a revoked token.";
    } else {
      advice += " A scoped API token does not work on the site URL either; use a classic (unscoped) token.";
    }
    return advice;
  }

  private static String unreachable(AtlassianException e, String siteUrl) {
    Throwable cause = e.getCause();
    String reason;
    if (cause instanceof UnknownHostException) {
      reason = "the host name does not resolve (DNS)";
    } else if (cause instanceof ConnectException) {
      reason = "the connection was refused or could not be made";
    } else if (cause instanceof HttpTimeoutException) {
      reason = "no answer within the timeout";
    } else if (cause instanceof SSLException) {
      reason = "the TLS handshake failed (" + cause.getMessage() + ")";
    } else if (e.status() >= 300 && e.status() < 400) {
      reason = "it redirects (HTTP " + e.status() + "); use the site's https://<site>.atlassian.net URL";
    } else if (e.status() > 0) {
      reason = "it did not answer like Jira's REST API (HTTP " + e.status() + ")";
    } else {
      reason = e.getMessage();
    }
    return "Cannot reach Jira at " + siteUrl + ": " + reason
        + ". Check ATLASSIAN_BASE_URL (https://<your-site>.atlassian.net), DNS, proxy and firewall.";
  }

  private ConnectionReport report(ConnectionStatus status, String message, String siteUrl, ConnectionReport.Account account) {
    return new ConnectionReport(status, message, siteUrl, account, site.sandbox(), Instant.now(clock));
  }
}
