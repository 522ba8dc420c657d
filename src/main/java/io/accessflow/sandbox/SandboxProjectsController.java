package io.accessflow.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.accessflow.atlassian.SiteMode;
import io.accessflow.sandbox.SandboxJson.ProjectJson;
import io.accessflow.sandbox.SandboxJson.ProjectRoleJson;
import io.accessflow.sandbox.SandboxStore.Group;
import io.accessflow.sandbox.SandboxStore.Project;
import io.accessflow.sandbox.SandboxStore.Role;
import io.accessflow.sandbox.SandboxStore.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Projects and their roles. These endpoints are anonymous-capable on Jira: without valid
 * credentials every project is "not found" (JRACLOUD-94680), never 401.
 */
@RestController
@Conditional(SiteMode.OnSandbox.class)
@RequestMapping(SandboxSite.PATH + SandboxJson.API + "/project/{projectIdOrKey}")
class SandboxProjectsController {

  private static final String CALLER = SandboxFilter.CALLER;

  /** What one role-actor change is about: a user (by accountId) or a group (by id or name). */
  private record Target(String type, String value, String label) {}

  private final SandboxStore store;
  private final SandboxJson json;

  SandboxProjectsController(SandboxStore store, SandboxJson json) {
    this.store = store;
    this.json = json;
  }

  @GetMapping
  ProjectJson project(@RequestAttribute(name = CALLER, required = false) User caller,
      @PathVariable String projectIdOrKey) {
    return json.project(visibleProject(caller, projectIdOrKey));
  }

  @GetMapping("/role")
  Map<String, String> roles(@RequestAttribute(name = CALLER, required = false) User caller,
      @PathVariable String projectIdOrKey) {
    return json.roleUrls(visibleProject(caller, projectIdOrKey));
  }

  @GetMapping("/role/{id}")
  ProjectRoleJson role(@RequestAttribute(name = CALLER, required = false) User caller,
      @PathVariable String projectIdOrKey, @PathVariable String id,
      @RequestParam(defaultValue = "false") boolean excludeInactiveUsers) {
    Project project = visibleProject(caller, projectIdOrKey);
    return json.projectRole(project, role(id), excludeInactiveUsers);
  }

  @PostMapping("/role/{id}")
  ResponseEntity<ProjectRoleJson> addActors(@RequestAttribute(name = CALLER, required = false) User caller,
      @PathVariable String projectIdOrKey, @PathVariable String id, @RequestBody(required = false) JsonNode body) {
    Project project = visibleProject(caller, projectIdOrKey);
    if (!store.isSiteAdmin(caller.accountId())) {
      // Jira documents 401 (not 403) for a caller without administrative rights on the project.
      throw new SandboxException(HttpStatus.UNAUTHORIZED, "You cannot edit the configuration of project '"
          + project.key() + "': Administer Projects is needed (in the sandbox: membership of '"
          + SandboxStore.SITE_ADMINS + "').");
    }
    Role role = role(id);
    List<String> users = strings(body, "user");
    List<String> groupIds = strings(body, "groupId");
    List<String> groupNames = strings(body, "group");
    if (!groupIds.isEmpty() && !groupNames.isEmpty()) {
      throw SandboxException.badRequest("Use either groupId or group, not both.");
    }
    if (users.isEmpty() && groupIds.isEmpty() && groupNames.isEmpty()) {
      throw SandboxException.badRequest("Give the actors to add: {\"user\":[accountId...]} or {\"groupId\":[...]}.");
    }
    synchronized (store) {
      List<Target> targets = new ArrayList<>();
      users.forEach(u -> targets.add(userTarget(u, true)));
      groupIds.forEach(g -> targets.add(groupTarget(store.group(g), g)));
      groupNames.forEach(g -> targets.add(groupTarget(store.groupByName(g), g)));
      // All or nothing: check every actor before adding any.
      for (Target target : targets) {
        boolean present = store.actors(project.id(), role.id()).stream()
            .anyMatch(a -> a.type().equals(target.type()) && a.value().equals(target.value()));
        if (present) {
          throw SandboxException.badRequest(target.label() + " is already a member of the project role '"
              + role.name() + "' of project '" + project.key() + "'.");
        }
      }
      targets.forEach(t -> store.addActor(project.id(), role.id(), t.type(), t.value()));
      return ResponseEntity.ok(json.projectRole(project, role, false));
    }
  }

  @DeleteMapping("/role/{id}")
  ResponseEntity<Void> removeActor(@RequestAttribute(name = CALLER, required = false) User caller,
      @PathVariable String projectIdOrKey, @PathVariable String id, @RequestParam(required = false) String user,
      @RequestParam(required = false) String groupId, @RequestParam(required = false) String group) {
    Project project = visibleProject(caller, projectIdOrKey);
    if (!store.isSiteAdmin(caller.accountId())) {
      // Jira documents 404 for a caller without administrative rights on the project.
      throw SandboxException.notFound("You cannot edit the configuration of project '" + project.key()
          + "': Administer Projects is needed (in the sandbox: membership of '" + SandboxStore.SITE_ADMINS + "').");
    }
    Role role = role(id);
    long given = Stream.of(user, groupId, group).filter(s -> s != null && !s.isBlank()).count();
    if (given != 1) {
      throw SandboxException.badRequest("Give exactly one of the query parameters user, groupId or group.");
    }
    synchronized (store) {
      Target target = user != null ? userTarget(user, false)
          : groupId != null ? groupTarget(store.group(groupId), groupId) : groupTarget(store.groupByName(group), group);
      if (!store.removeActor(project.id(), role.id(), target.type(), target.value())) {
        throw SandboxException.notFound(target.label() + " is not a member of the project role '" + role.name()
            + "' of project '" + project.key() + "'.");
      }
    }
    return ResponseEntity.noContent().build();
  }

  private Project visibleProject(User caller, String idOrKey) {
    return store.project(idOrKey).filter(p -> caller != null)
        .orElseThrow(() -> SandboxException.notFound("No project could be found with key '" + idOrKey + "'."));
  }

  private Role role(String id) {
    try {
      return store.role(Long.parseLong(id)).orElseThrow();
    } catch (RuntimeException e) {
      throw SandboxException.notFound("No project role could be found with id '" + id + "'.");
    }
  }

  private Target userTarget(String accountId, boolean mustBeActive) {
    User user = store.user(accountId).filter(u -> u.active() || !mustBeActive).orElseThrow(() ->
        SandboxException.notFound("User '" + accountId + "' does not exist or is not active."));
    return new Target(SandboxStore.USER_ACTOR, user.accountId(), "User '" + user.displayName() + "'");
  }

  private static Target groupTarget(Optional<Group> group, String given) {
    Group found = group.orElseThrow(() -> SandboxException.notFound("Group '" + given + "' does not exist."));
    return new Target(SandboxStore.GROUP_ACTOR, found.groupId(), "Group '" + found.name() + "'");
  }

  private static List<String> strings(JsonNode body, String field) {
    if (body == null || !body.isObject()) {
      throw SandboxException.badRequest("The request body must be a JSON object such as {\"user\":[\"<accountId>\"]}.");
    }
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw SandboxException.badRequest("'" + field + "' must be a list of strings.");
    }
    List<String> strings = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isTextual() || item.asText().isBlank()) {
        throw SandboxException.badRequest("'" + field + "' must be a list of non-empty strings.");
      }
      strings.add(item.asText());
    }
    return strings;
  }
}
