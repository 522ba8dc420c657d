package io.accessflow.request;

/** How an access request ended; the {@code outcome} variable. */
public enum Outcome {
  PROVISIONED,
  ALREADY_IN_PLACE,
  REJECTED,
  INVALID,
  /** Nobody decided within the expiry time. */
  EXPIRED
}
