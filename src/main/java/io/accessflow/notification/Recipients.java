package io.accessflow.notification;

import io.accessflow.notification.Notification.Recipient;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Camunda users as people to write to: the user's email address, else the user id when it is one
 * (accessflow's user ids are lowercase email addresses). Callers run these look-ups without an
 * authenticated user (see {@link Notifications}): whoever triggers a notification need not be
 * allowed to read the approvers' profiles.
 */
@Component
class Recipients {

  private static final Logger log = LoggerFactory.getLogger(Recipients.class);
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  private final IdentityService identityService;

  Recipients(IdentityService identityService) {
    this.identityService = identityService;
  }

  /** The Camunda user, if they can be written to. */
  Optional<Recipient> user(String userId) {
    if (userId == null || userId.isBlank()) {
      return Optional.empty();
    }
    return of(userId, identityService.createUserQuery().userId(userId).singleResult());
  }

  /** Every member of the group who can be written to, each on their own. */
  List<Recipient> members(String groupId) {
    return identityService.createUserQuery().memberOfGroup(groupId).list().stream()
        .flatMap(user -> of(user.getId(), user).stream()).toList();
  }

  /**
   * A person known by their email address (the person a request is for): their Camunda user when
   * there is one, else the address itself (a new account has no Camunda user yet).
   */
  Optional<Recipient> byEmail(String email, String displayName) {
    if (email == null || !EMAIL.matcher(email).matches()) {
      return Optional.empty();
    }
    String userId = email.toLowerCase(Locale.ROOT);
    Optional<Recipient> user = user(userId);
    if (user.isPresent()) {
      return user;
    }
    return Optional.of(new Recipient(null, email, displayName));
  }

  /** A name to show for a Camunda user: first and last name, else the id. */
  String name(String userId) {
    if (userId == null || userId.isBlank()) {
      return "someone";
    }
    User user = identityService.createUserQuery().userId(userId).singleResult();
    return user == null ? userId : displayName(user);
  }

  private static Optional<Recipient> of(String userId, User user) {
    String email = user == null ? null : user.getEmail();
    if (email == null || email.isBlank()) {
      email = EMAIL.matcher(userId).matches() ? userId : null;
    }
    if (email == null) {
      log.debug("No email address for Camunda user {}: not notified", userId);
      return Optional.empty();
    }
    return Optional.of(new Recipient(userId, email, user == null ? userId : displayName(user)));
  }

  private static String displayName(User user) {
    String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
        + (user.getLastName() == null ? "" : user.getLastName())).trim();
    return name.isEmpty() ? user.getId() : name;
  }
}
