package io.accessflow.atlassian;

/** The outcome of the connection check, from the troubleshooting guide. */
public enum ConnectionStatus {
  OK,
  /** DNS, TLS, timeout, connection refused, or a URL that does not answer like Jira. */
  UNREACHABLE,
  /** Atlassian answered 401 to {@code /myself}. */
  INVALID_CREDENTIALS,
  /** The account authenticates but is not a Jira administrator. */
  MISSING_PERMISSIONS
}
