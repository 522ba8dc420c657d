package io.accessflow.atlassian;

import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Idempotent operations for provisioning: jobs run at least once, so each operation reads the
 * current state first, treats "already so" as success, survives a concurrent change (Atlassian's
 * refusal is checked against the state read again), and reports whether it changed anything.
 */
@Component
public class AtlassianOperations {

  private final AtlassianClient client;
  private final Object[] userLocks = new Object[64];

  public AtlassianOperations(AtlassianClient client) {
    this.client = client;
    for (int i = 0; i < userLocks.length; i++) {
      userLocks[i] = new Object();
    }
  }

  public Change ensureMember(String groupId, String accountId) {
    if (client.isMember(groupId, accountId)) {
      return Change.ALREADY_IN_PLACE;
    }
    try {
      client.addUserToGroup(groupId, accountId);
      return Change.MADE;
    } catch (AtlassianException.AlreadyExists concurrentlyAdded) {
      return Change.ALREADY_IN_PLACE;
    }
  }

  public Change ensureNotMember(String groupId, String accountId) {
    if (!client.isMember(groupId, accountId)) {
      return Change.ALREADY_IN_PLACE;
    }
    try {
      client.removeUserFromGroup(groupId, accountId);
      return Change.MADE;
    } catch (AtlassianException.NotFound e) {
      if (!client.isMember(groupId, accountId)) {
        return Change.ALREADY_IN_PLACE;
      }
      throw e;
    }
  }

  public Change ensureRoleActor(String projectKey, long roleId, String accountId) {
    if (client.projectRole(projectKey, roleId).hasUser(accountId)) {
      return Change.ALREADY_IN_PLACE;
    }
    try {
      client.addUserToRole(projectKey, roleId, accountId);
      return Change.MADE;
    } catch (AtlassianException.AlreadyExists concurrentlyAdded) {
      return Change.ALREADY_IN_PLACE;
    }
  }

  public Change ensureNotRoleActor(String projectKey, long roleId, String accountId) {
    if (!client.projectRole(projectKey, roleId).hasUser(accountId)) {
      return Change.ALREADY_IN_PLACE;
    }
    try {
      client.removeUserFromRole(projectKey, roleId, accountId);
      return Change.MADE;
    } catch (AtlassianException.NotFound e) {
      if (!client.projectRole(projectKey, roleId).hasUser(accountId)) {
        return Change.ALREADY_IN_PLACE;
      }
      throw e;
    }
  }

  /**
   * The account for this email, created with exactly these products when there is none. Jira
   * answers 201 also when the account already exists with product access, so a concurrent creation
   * cannot be told from ours by the answer: callers on this node are serialized per email instead.
   */
  public Ensured<AtlassianUser> ensureUser(String email, List<String> products) {
    synchronized (userLocks[Math.floorMod(email.toLowerCase(Locale.ROOT).hashCode(), userLocks.length)]) {
      return ensureUserUnlocked(email, products);
    }
  }

  private Ensured<AtlassianUser> ensureUserUnlocked(String email, List<String> products) {
    var existing = client.findUserByEmail(email);
    if (existing.isPresent()) {
      return new Ensured<>(existing.get(), Change.ALREADY_IN_PLACE);
    }
    try {
      return new Ensured<>(client.createUser(email, products), Change.MADE);
    } catch (AtlassianException.AlreadyExists e) {
      return new Ensured<>(client.findUserByEmail(email).orElseThrow(() -> e), Change.ALREADY_IN_PLACE);
    }
  }

  /** The group with this name, created when there is none. */
  public Ensured<AtlassianGroup> ensureGroup(String name) {
    var existing = client.findGroupByName(name);
    if (existing.isPresent()) {
      return new Ensured<>(existing.get(), Change.ALREADY_IN_PLACE);
    }
    try {
      return new Ensured<>(client.createGroup(name), Change.MADE);
    } catch (AtlassianException.AlreadyExists e) {
      return new Ensured<>(client.findGroupByName(name).orElseThrow(() -> e), Change.ALREADY_IN_PLACE);
    }
  }
}
