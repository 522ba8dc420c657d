package io.accessflow.notification;

import java.util.Objects;
import java.util.Optional;

/**
 * One message to one person. Never addressed to several people at once: each approver of a group
 * gets their own.
 *
 * @param recipient who gets it
 * @param kind what it tells
 * @param subject a one-line summary naming the exact change
 * @param body plain text
 * @param requestId the access request's process instance id
 * @param link where to act (the task in Tasklist), if anything is to be done
 */
public record Notification(Recipient recipient, NotificationKind kind, String subject, String body, String requestId,
    Optional<String> link) {

  public Notification {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(body, "body");
    link = link == null ? Optional.empty() : link;
  }

  /**
   * A person: their Camunda user id (null when they have no Camunda user, e.g. a new account), an
   * email address, and a name to greet them by.
   */
  public record Recipient(String userId, String email, String displayName) {

    public Recipient {
      Objects.requireNonNull(email, "email");
      displayName = displayName == null || displayName.isBlank() ? email : displayName;
    }

    /** For logs: the user id, else the address. */
    public String id() {
      return userId != null ? userId : email;
    }
  }
}
