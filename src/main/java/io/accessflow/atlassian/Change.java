package io.accessflow.atlassian;

/** What an idempotent operation did. */
public enum Change {
  /** The state was changed to the one asked for. */
  MADE,
  /** The state already was as asked (perhaps through a concurrent change); nothing was changed. */
  ALREADY_IN_PLACE
}
