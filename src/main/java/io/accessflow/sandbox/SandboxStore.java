package io.accessflow.sandbox;

import io.accessflow.atlassian.SiteMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * The sandbox site's users, groups, projects and project roles, in memory. Every method locks the
 * store; callers that check and then change (controllers) hold {@code synchronized (store)} around
 * both steps. Values handed out are immutable snapshots.
 */
@Component
@Conditional(SiteMode.OnSandbox.class)
public class SandboxStore {

  /** Members of this group are site admins: Administer Jira, group and user management. */
  public static final String SITE_ADMINS = "site-admins";

  public static final String USER_ACTOR = "atlassian-user-role-actor";
  public static final String GROUP_ACTOR = "atlassian-group-role-actor";

  public record User(String accountId, String email, String displayName, boolean active, Set<String> products) {}

  public record Group(String groupId, String name, Set<String> memberIds) {}

  public record Project(String id, String key, String name, String description, String leadAccountId) {}

  public record Role(long id, String name, String description) {}

  /** A role actor: {@code value} is the accountId of a user actor or the groupId of a group actor. */
  public record Actor(long id, String type, String value) {}

  // Like a company-managed Jira site: the same roles, with the same ids, on every project.
  private static final List<Role> ROLES = List.of(
      new Role(10002, "Administrators", "A project role that represents administrators in a project"),
      new Role(10000, "Developers", "A project role that represents developers in a project"),
      new Role(10001, "Viewers", "A project role that represents viewers in a project"));

  private final Map<String, User> users = new LinkedHashMap<>();
  private final Map<String, Group> groups = new LinkedHashMap<>();
  /** The same groups by name, in name order regardless of case: look-ups by name stay cheap as groups pile up. */
  private final TreeMap<String, Group> groupsByName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private final Map<String, Project> projects = new LinkedHashMap<>();
  private final Map<String, List<Actor>> actors = new LinkedHashMap<>();
  private long nextAccount;
  private long nextActorId;

  public SandboxStore() {
    reset();
  }

  /** Restores the demo seed; the seeded accountIds are the same after every reset. */
  public synchronized void reset() {
    users.clear();
    groups.clear();
    groupsByName.clear();
    projects.clear();
    actors.clear();
    nextAccount = 1;
    nextActorId = 10100;
    Set<String> jira = Set.of("jira-software");
    String admin = seedUser("admin@example.com", "Sandbox Admin", true, jira);
    String alice = seedUser("alice@example.com", "Alice Lead", true, jira);
    String bob = seedUser("bob@example.com", "Bob Lead", true, jira);
    String carol = seedUser("carol@example.com", "Carol Requester", true, jira);
    String dave = seedUser("dave@example.com", "Dave Newcomer", true, jira);
    String erin = seedUser("erin@example.com", "Erin Inactive", false, jira);
    String frank = seedUser("frank@example.com", "Frank Admin", true, jira);
    seedGroup("jira-software-users", alice, bob, carol, dave, frank);
    seedGroup("alpha-developers", carol);
    seedGroup("beta-developers", bob);
    seedGroup(SITE_ADMINS, admin, frank);
    Project alpha = seedProject("10000", "ALPHA", "Alpha", alice);
    Project beta = seedProject("10001", "BETA", "Beta", bob);
    seedProject("10002", "GAMMA", "Gamma", erin);
    addActor(alpha.id(), 10002, USER_ACTOR, alice);
    addActor(alpha.id(), 10000, USER_ACTOR, carol);
    addActor(beta.id(), 10002, USER_ACTOR, bob);
  }

  private String seedUser(String email, String displayName, boolean active, Set<String> products) {
    User user = new User(nextAccountId(), email, displayName, active, products);
    users.put(user.accountId(), user);
    return user.accountId();
  }

  private void seedGroup(String name, String... members) {
    putGroup(new Group(UUID.randomUUID().toString(), name, Set.of(members)));
  }

  private void putGroup(Group group) {
    groups.put(group.groupId(), group);
    groupsByName.put(group.name(), group);
  }

  private Project seedProject(String id, String key, String name, String lead) {
    Project project = new Project(id, key, name, "Sandbox demo project " + name + ".", lead);
    projects.put(id, project);
    return project;
  }

  /** Atlassian accountIds are 24 lowercase hex characters; a counter keeps them unique and stable. */
  private String nextAccountId() {
    return String.format(Locale.ROOT, "5b10ac8d82e05b22cc%06x", nextAccount++);
  }

  // ---- users

  /** All users, active or not, sorted by display name then accountId. */
  public synchronized List<User> users() {
    return users.values().stream()
        .sorted(Comparator.comparing(User::displayName, String.CASE_INSENSITIVE_ORDER).thenComparing(User::accountId))
        .toList();
  }

  public synchronized Optional<User> user(String accountId) {
    return Optional.ofNullable(accountId).map(users::get);
  }

  public synchronized Optional<User> userByEmail(String email) {
    return users.values().stream().filter(u -> u.email().equalsIgnoreCase(email)).findFirst();
  }

  public synchronized User createUser(String email, String displayName, Set<String> products) {
    User user = new User(nextAccountId(), email, displayName, true, Set.copyOf(products));
    users.put(user.accountId(), user);
    return user;
  }

  public synchronized boolean isSiteAdmin(String accountId) {
    return groupByName(SITE_ADMINS).map(g -> g.memberIds().contains(accountId)).orElse(false);
  }

  // ---- groups

  /** All groups sorted by name. */
  public synchronized List<Group> groups() {
    return List.copyOf(groupsByName.values());
  }

  /** The groups with any of these names (regardless of case) or ids, sorted by name. */
  public synchronized List<Group> groupsNamedOrWithId(Collection<String> names, Collection<String> ids) {
    TreeMap<String, Group> found = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    names.stream().map(groupsByName::get).filter(Objects::nonNull).forEach(g -> found.put(g.name(), g));
    ids.stream().map(groups::get).filter(Objects::nonNull).forEach(g -> found.put(g.name(), g));
    return List.copyOf(found.values());
  }

  public synchronized Optional<Group> group(String groupId) {
    return Optional.ofNullable(groupId).map(groups::get);
  }

  /** Group names are unique regardless of case, as on a Jira site. */
  public synchronized Optional<Group> groupByName(String name) {
    return Optional.ofNullable(name).map(groupsByName::get);
  }

  public synchronized Group createGroup(String name) {
    Group group = new Group(UUID.randomUUID().toString(), name, Set.of());
    putGroup(group);
    return group;
  }

  /** Deletes a group, as a site admin may do at any time (tests use it for a target that vanishes). */
  public synchronized boolean deleteGroup(String groupId) {
    Group removed = groups.remove(groupId);
    if (removed != null) {
      groupsByName.remove(removed.name());
    }
    return removed != null;
  }

  /** The groups the user belongs to, sorted by name. */
  public synchronized List<Group> groupsOf(String accountId) {
    return groups().stream().filter(g -> g.memberIds().contains(accountId)).toList();
  }

  /** The members of a group (active and inactive), sorted like {@link #users()}; empty for an unknown group. */
  public synchronized List<User> members(String groupId) {
    Set<String> ids = group(groupId).map(Group::memberIds).orElse(Set.of());
    return users().stream().filter(u -> ids.contains(u.accountId())).toList();
  }

  /** For tests: the emails of a group's members, sorted; empty for an unknown group. */
  public synchronized List<String> memberEmails(String groupName) {
    return groupByName(groupName).map(g -> members(g.groupId()).stream().map(User::email).sorted().toList())
        .orElse(List.of());
  }

  /** Adds the member; false if it already was one. */
  public synchronized boolean addMember(String groupId, String accountId) {
    return changeMembers(groupId, accountId, true);
  }

  /** Removes the member; false if it was none. */
  public synchronized boolean removeMember(String groupId, String accountId) {
    return changeMembers(groupId, accountId, false);
  }

  private boolean changeMembers(String groupId, String accountId, boolean add) {
    Group group = groups.get(groupId);
    if (group == null) {
      return false;
    }
    Set<String> members = new LinkedHashSet<>(group.memberIds());
    boolean changed = add ? members.add(accountId) : members.remove(accountId);
    putGroup(new Group(groupId, group.name(), Set.copyOf(members)));
    return changed;
  }

  // ---- projects and roles

  public synchronized List<Project> projects() {
    return List.copyOf(projects.values());
  }

  /** By numeric id, or by key; keys are case-sensitive like Jira's. */
  public synchronized Optional<Project> project(String idOrKey) {
    if (idOrKey == null) {
      return Optional.empty();
    }
    Project byId = projects.get(idOrKey);
    return byId != null ? Optional.of(byId)
        : projects.values().stream().filter(p -> p.key().equals(idOrKey)).findFirst();
  }

  public List<Role> roles() {
    return ROLES;
  }

  public Optional<Role> role(long id) {
    return ROLES.stream().filter(r -> r.id() == id).findFirst();
  }

  public synchronized List<Actor> actors(String projectId, long roleId) {
    return List.copyOf(actors.getOrDefault(projectId + "/" + roleId, List.of()));
  }

  /** Adds the actor; false if it already was one. */
  public synchronized boolean addActor(String projectId, long roleId, String type, String value) {
    List<Actor> list = actors.computeIfAbsent(projectId + "/" + roleId, k -> new ArrayList<>());
    if (list.stream().anyMatch(a -> a.type().equals(type) && a.value().equals(value))) {
      return false;
    }
    list.add(new Actor(nextActorId++, type, value));
    return true;
  }

  /** Removes the actor; false if it was none. */
  public synchronized boolean removeActor(String projectId, long roleId, String type, String value) {
    List<Actor> list = actors.getOrDefault(projectId + "/" + roleId, new ArrayList<>());
    return list.removeIf(a -> a.type().equals(type) && a.value().equals(value));
  }

  /** For tests: the emails of the user actors of a project role, sorted; empty if there is no such role. */
  public synchronized List<String> roleUserEmails(String projectKey, String roleName) {
    Optional<Project> project = project(projectKey);
    Optional<Role> role = ROLES.stream().filter(r -> r.name().equals(roleName)).findFirst();
    if (project.isEmpty() || role.isEmpty()) {
      return List.of();
    }
    return actors(project.get().id(), role.get().id()).stream()
        .filter(a -> a.type().equals(USER_ACTOR))
        .map(a -> users.get(a.value()).email())
        .sorted()
        .toList();
  }
}
