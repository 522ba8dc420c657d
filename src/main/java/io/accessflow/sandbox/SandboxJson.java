package io.accessflow.sandbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.accessflow.atlassian.SiteMode;
import io.accessflow.sandbox.SandboxStore.Actor;
import io.accessflow.sandbox.SandboxStore.Group;
import io.accessflow.sandbox.SandboxStore.Project;
import io.accessflow.sandbox.SandboxStore.Role;
import io.accessflow.sandbox.SandboxStore.User;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * The JSON shapes of Atlassian's OpenAPI document (schemas User, UserDetails, Group, GroupName,
 * GroupDetails, PageBean*, UserPermission, Project, ProjectRole, RoleActor, ErrorCollection) and
 * their construction from the store, with {@code self} URLs on the sandbox's base URL.
 */
@Component
@Conditional(SiteMode.OnSandbox.class)
class SandboxJson {

  static final String API = "/rest/api/3";
  private static final String TIME_ZONE = "UTC";
  private static final Map<String, String> PRODUCT_NAMES = Map.of(
      "jira-software", "Jira",
      "jira-core", "Jira Work Management",
      "jira-servicedesk", "Jira Service Management",
      "jira-product-discovery", "Jira Product Discovery");

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record UserJson(String self, String accountId, String accountType, String emailAddress,
      Map<String, String> avatarUrls, String displayName, Boolean active, String timeZone, String locale,
      ListWrapper<GroupNameJson> groups, ListWrapper<ApplicationRoleJson> applicationRoles, String expand) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ListWrapper<T>(int size, List<T> items, @JsonProperty("max-results") Integer maxResults) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record GroupNameJson(String name, String groupId, String self) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ApplicationRoleJson(String key, String name) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record UserDetailsJson(String self, String accountId, String emailAddress, String displayName, Boolean active,
      String timeZone, String accountType, Map<String, String> avatarUrls) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record GroupJson(String name, String groupId, String self, PagedUsers users, String expand) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record PagedUsers(int size, List<UserDetailsJson> items, @JsonProperty("max-results") int maxResults,
      @JsonProperty("start-index") int startIndex, @JsonProperty("end-index") int endIndex) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record GroupDetailsJson(String name, String groupId) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record PageBean<T>(String self, String nextPage, int maxResults, long startAt, long total, boolean isLast,
      List<T> values) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record PermissionJson(String id, String key, String name, String type, String description, boolean havePermission) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record PermissionsJson(Map<String, PermissionJson> permissions) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ProjectJson(String expand, String self, String id, String key, String description, UserJson lead,
      String name, Map<String, String> avatarUrls, String projectTypeKey, Boolean simplified, String style,
      Boolean isPrivate, String assigneeType, Map<String, String> roles) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ProjectRoleJson(String self, String name, Long id, String description, List<RoleActorJson> actors) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record RoleActorJson(Long id, String displayName, String type, String name, ActorUser actorUser,
      ActorGroup actorGroup) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ActorUser(String accountId) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ActorGroup(String name, String groupId, String displayName) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ErrorCollection(List<String> errorMessages, Map<String, String> errors) {
    static ErrorCollection of(String message) {
      return new ErrorCollection(List.of(message), Map.of());
    }
  }

  private final SandboxSite site;
  private final SandboxStore store;

  SandboxJson(SandboxSite site, SandboxStore store) {
    this.site = site;
    this.store = store;
  }

  String api() {
    return site.baseUrl() + API;
  }

  /** A User as in lists and as a project lead. */
  UserJson user(User user) {
    return new UserJson(userSelf(user), user.accountId(), "atlassian", user.email(), avatars(user),
        user.displayName(), user.active(), TIME_ZONE, null, null, null, null);
  }

  /** A User as the single-user endpoints answer: with groups and applicationRoles, expanded on request. */
  UserJson user(User user, String expand) {
    List<String> expanded = expand == null ? List.of() : List.of(expand.split(","));
    List<GroupNameJson> groups = store.groupsOf(user.accountId()).stream().map(this::groupName).toList();
    List<ApplicationRoleJson> roles = user.products().stream().sorted()
        .map(p -> new ApplicationRoleJson(p, PRODUCT_NAMES.get(p))).toList();
    return new UserJson(userSelf(user), user.accountId(), "atlassian", user.email(), avatars(user),
        user.displayName(), user.active(), TIME_ZONE, "en_US",
        new ListWrapper<>(groups.size(), expanded.contains("groups") ? groups : List.of(),
            expanded.contains("groups") ? 1000 : null),
        new ListWrapper<>(roles.size(), expanded.contains("applicationRoles") ? roles : List.of(),
            expanded.contains("applicationRoles") ? 1000 : null),
        "groups,applicationRoles");
  }

  UserDetailsJson userDetails(User user) {
    return new UserDetailsJson(userSelf(user), user.accountId(), user.email(), user.displayName(), user.active(),
        TIME_ZONE, "atlassian", avatars(user));
  }

  GroupNameJson groupName(Group group) {
    return new GroupNameJson(group.name(), group.groupId(), groupSelf(group));
  }

  /** A Group with its user list collapsed: only the member count, as Jira answers without {@code expand=users}. */
  GroupJson group(Group group) {
    return new GroupJson(group.name(), group.groupId(), groupSelf(group),
        new PagedUsers(group.memberIds().size(), List.of(), 50, 0, 0), "users");
  }

  ProjectJson project(Project project) {
    Map<String, String> avatars = new LinkedHashMap<>();
    for (String[] size : new String[][] {{"16x16", "xsmall"}, {"24x24", "small"}, {"32x32", "medium"}, {"48x48", "large"}}) {
      avatars.put(size[0], site.baseUrl() + "/secure/projectavatar?size=" + size[1] + "&pid=" + project.id());
    }
    UserJson lead = store.user(project.leadAccountId()).map(this::user).orElse(null);
    return new ProjectJson("description,lead,issueTypes,url,projectKeys,permissions,insight", projectSelf(project),
        project.id(), project.key(), project.description(), lead, project.name(), avatars, "software", false,
        "classic", false, "UNASSIGNED", roleUrls(project));
  }

  Map<String, String> roleUrls(Project project) {
    Map<String, String> roles = new LinkedHashMap<>();
    store.roles().forEach(r -> roles.put(r.name(), projectSelf(project) + "/role/" + r.id()));
    return roles;
  }

  ProjectRoleJson projectRole(Project project, Role role, boolean excludeInactiveUsers) {
    List<RoleActorJson> actors = store.actors(project.id(), role.id()).stream()
        .map(this::actor)
        .flatMap(Optional::stream)
        .filter(a -> !excludeInactiveUsers || a.actorUser() == null
            || store.user(a.actorUser().accountId()).map(User::active).orElse(false))
        .toList();
    return new ProjectRoleJson(projectSelf(project) + "/role/" + role.id(), role.name(), role.id(),
        role.description(), actors);
  }

  private Optional<RoleActorJson> actor(Actor actor) {
    if (actor.type().equals(SandboxStore.USER_ACTOR)) {
      return store.user(actor.value()).map(u -> new RoleActorJson(actor.id(), u.displayName(), actor.type(), null,
          new ActorUser(u.accountId()), null));
    }
    return store.group(actor.value()).map(g -> new RoleActorJson(actor.id(), g.name(), actor.type(), g.name(),
        null, new ActorGroup(g.name(), g.groupId(), g.name())));
  }

  private String userSelf(User user) {
    return api() + "/user?accountId=" + user.accountId();
  }

  private String groupSelf(Group group) {
    return api() + "/group?groupId=" + group.groupId();
  }

  private String projectSelf(Project project) {
    return api() + "/project/" + project.id();
  }

  private Map<String, String> avatars(User user) {
    Map<String, String> avatars = new LinkedHashMap<>();
    for (String size : List.of("16", "24", "32", "48")) {
      avatars.put(size + "x" + size, site.baseUrl() + "/secure/useravatar?size=" + size + "&accountId=" + user.accountId());
    }
    return avatars;
  }
}
