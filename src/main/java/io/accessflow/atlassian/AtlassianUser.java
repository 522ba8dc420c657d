package io.accessflow.atlassian;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An Atlassian account as Jira returns it. {@code emailAddress} may be null: users can hide it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AtlassianUser(String accountId, String accountType, String emailAddress, String displayName, Boolean active) {

  public boolean isActive() {
    return Boolean.TRUE.equals(active);
  }

  /** A person's account, as opposed to an app or a Jira Service Management customer. */
  public boolean isAtlassianAccount() {
    return accountType == null || "atlassian".equals(accountType);
  }
}
