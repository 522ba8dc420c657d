package io.accessflow.atlassian;

import java.time.Instant;

/**
 * What the connection check found, as {@code GET /api/atlassian/connection} returns it.
 *
 * @param account the account the credentials belong to, when Atlassian said so
 * @param sandbox true when the embedded sandbox answers instead of a real site
 */
public record ConnectionReport(ConnectionStatus status, String message, String siteUrl, Account account,
    boolean sandbox, Instant checkedAt) {

  public record Account(String accountId, String displayName) {}
}
