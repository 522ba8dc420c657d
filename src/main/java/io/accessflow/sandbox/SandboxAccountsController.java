package io.accessflow.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.accessflow.atlassian.SiteMode;
import io.accessflow.sandbox.SandboxJson.GroupDetailsJson;
import io.accessflow.sandbox.SandboxJson.GroupJson;
import io.accessflow.sandbox.SandboxJson.GroupNameJson;
import io.accessflow.sandbox.SandboxJson.PageBean;
import io.accessflow.sandbox.SandboxJson.PermissionJson;
import io.accessflow.sandbox.SandboxJson.PermissionsJson;
import io.accessflow.sandbox.SandboxJson.UserDetailsJson;
import io.accessflow.sandbox.SandboxJson.UserJson;
import io.accessflow.sandbox.SandboxStore.Group;
import io.accessflow.sandbox.SandboxStore.User;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** Users, groups and the caller's own account and permissions, as Jira Cloud answers them. */
@RestController
@Conditional(SiteMode.OnSandbox.class)
@RequestMapping(SandboxSite.PATH + SandboxJson.API)
class SandboxAccountsController {

  private static final String NO_SUCH_USER = "Specified user does not exist or you do not have required permissions";
  private static final Set<String> PRODUCTS =
      Set.of("jira-core", "jira-servicedesk", "jira-product-discovery", "jira-software");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final int GROUP_MEMBER_CAP = 50;
  private static final int USER_SEARCH_CAP = 1000;

  /** The permissions the sandbox knows; Jira's ids and names. */
  private record Permission(String id, String key, String name, String type, String description, boolean everyone) {}

  private static final Map<String, Permission> PERMISSIONS = Stream.of(
      new Permission("0", "ADMINISTER", "Administer Jira", "GLOBAL",
          "Create and administer projects, issue types, fields, workflows, and schemes for all projects.", false),
      new Permission("27", "USER_PICKER", "Browse users and groups", "GLOBAL",
          "View and select users or groups from the user picker, and share issues.", true),
      new Permission("10", "BROWSE_PROJECTS", "Browse Projects", "PROJECT",
          "Ability to browse projects and the issues within them.", true),
      new Permission("23", "ADMINISTER_PROJECTS", "Administer Projects", "PROJECT",
          "Ability to administer a project in Jira.", false))
      .collect(LinkedHashMap::new, (m, p) -> m.put(p.key(), p), Map::putAll);

  private final SandboxStore store;
  private final SandboxJson json;

  SandboxAccountsController(SandboxStore store, SandboxJson json) {
    this.store = store;
    this.json = json;
  }

  @GetMapping("/myself")
  UserJson myself(@RequestAttribute(SandboxFilter.CALLER) User caller, @RequestParam(required = false) String expand) {
    return json.user(store.user(caller.accountId()).orElseThrow(), expand);
  }

  @GetMapping("/mypermissions")
  PermissionsJson myPermissions(@RequestAttribute(SandboxFilter.CALLER) User caller,
      @RequestParam(required = false) String permissions, @RequestParam(required = false) String projectKey,
      @RequestParam(required = false) String projectId) {
    if (permissions == null || permissions.isBlank()) {
      throw SandboxException.badRequest("The permissions parameter is required: a comma-separated list of "
          + "permission keys, e.g. permissions=ADMINISTER,USER_PICKER.");
    }
    Stream.of(projectKey, projectId).filter(p -> p != null && !p.isBlank()).forEach(p -> store.project(p)
        .orElseThrow(() -> SandboxException.notFound("No project could be found with key '" + p + "'.")));
    boolean admin = store.isSiteAdmin(caller.accountId());
    Map<String, PermissionJson> answer = new LinkedHashMap<>();
    for (String key : permissions.split(",")) {
      String trimmed = key.trim();
      Permission p = PERMISSIONS.get(trimmed);
      if (p == null) {
        throw SandboxException.badRequest("The permission key '" + trimmed + "' is not valid. The sandbox knows "
            + String.join(", ", PERMISSIONS.keySet()) + ".");
      }
      answer.put(p.key(), new PermissionJson(p.id(), p.key(), p.name(), p.type(), p.description(), admin || p.everyone()));
    }
    return new PermissionsJson(answer);
  }

  @GetMapping("/user/search")
  List<UserJson> searchUsers(@RequestAttribute(name = SandboxFilter.CALLER, required = false) User caller,
      @RequestParam(required = false) String query, @RequestParam(required = false) String accountId,
      @RequestParam(required = false) String property,
      @RequestParam(defaultValue = "0") int startAt, @RequestParam(defaultValue = "50") int maxResults) {
    long given = Stream.of(query, accountId, property).filter(s -> s != null && !s.isBlank()).count();
    if (given != 1) {
      throw SandboxException.badRequest("Exactly one of query, accountId or property must be given.");
    }
    checkPaging(startAt, maxResults);
    if (caller == null || property != null) {
      // Anonymous callers get an empty list, as on Jira; the sandbox keeps no user properties.
      return List.of();
    }
    String q = query == null ? null : query.toLowerCase(Locale.ROOT);
    List<User> found = store.users().stream().filter(User::active)
        .filter(u -> q == null ? u.accountId().equals(accountId) : matches(u, q))
        .toList();
    return page(found, startAt, Math.min(maxResults, USER_SEARCH_CAP)).stream().map(json::user).toList();
  }

  // Prefix of the email, of the display name, or of any word of the display name.
  private static boolean matches(User user, String query) {
    String name = user.displayName().toLowerCase(Locale.ROOT);
    return user.email().toLowerCase(Locale.ROOT).startsWith(query) || name.startsWith(query)
        || Arrays.stream(name.split("\\s+")).anyMatch(word -> word.startsWith(query));
  }

  @GetMapping("/user")
  UserJson user(@RequestParam(required = false) String accountId, @RequestParam(required = false) String expand) {
    // Atlassian documents no 400 here: without an accountId no user is found
    return json.user(store.user(accountId).orElseThrow(() -> SandboxException.notFound(NO_SUCH_USER)), expand);
  }

  @PostMapping("/user")
  ResponseEntity<UserJson> createUser(@RequestAttribute(SandboxFilter.CALLER) User caller,
      @RequestBody(required = false) JsonNode body) {
    requireSiteAdmin(caller, "create users (Administer Jira and organization admin rights are needed)");
    String email = text(body, "emailAddress");
    if (email == null || email.isBlank()) {
      throw SandboxException.badRequest("You must specify an email address (emailAddress).");
    }
    if (!EMAIL.matcher(email).matches()) {
      throw SandboxException.badRequest("'" + email + "' is not a valid email address.");
    }
    JsonNode products = body.get("products");
    if (products == null || !products.isArray()) {
      throw SandboxException.badRequest("You must specify the products that user can access.");
    }
    Set<String> wanted = new LinkedHashSet<>();
    for (JsonNode product : products) {
      if (!product.isTextual() || !PRODUCTS.contains(product.asText())) {
        throw SandboxException.badRequest("Invalid product '" + product.asText() + "'. Valid products are: "
            + "jira-core, jira-servicedesk, jira-product-discovery, jira-software.");
      }
      wanted.add(product.asText());
    }
    synchronized (store) {
      Optional<User> existing = store.userByEmail(email);
      if (existing.isPresent()) {
        if (existing.get().products().isEmpty()) {
          throw SandboxException.badRequest("The user already exists but does not have access to Jira. "
              + "Grant them product access in the site's user management.");
        }
        // Atlassian documents this: an existing user with product access comes back as if created.
        return ResponseEntity.status(HttpStatus.CREATED).body(json.user(existing.get(), null));
      }
      User created = store.createUser(email, email.substring(0, email.indexOf('@')), wanted);
      return ResponseEntity.status(HttpStatus.CREATED).body(json.user(created, null));
    }
  }

  @GetMapping("/user/groups")
  List<GroupNameJson> groupsOfUser(@RequestParam(required = false) String accountId) {
    if (accountId == null || accountId.isBlank()) {
      throw SandboxException.badRequest("The accountId parameter is required.");
    }
    User user = store.user(accountId).orElseThrow(() -> SandboxException.notFound(NO_SUCH_USER));
    return store.groupsOf(user.accountId()).stream().map(json::groupName).toList();
  }

  @GetMapping("/group/bulk")
  PageBean<GroupDetailsJson> findGroups(@RequestParam(name = "groupName", required = false) List<String> names,
      @RequestParam(name = "groupId", required = false) List<String> ids,
      @RequestParam(defaultValue = "0") long startAt, @RequestParam(defaultValue = "50") int maxResults,
      HttpServletRequest request) {
    checkPaging(startAt, maxResults);
    boolean filtered = names != null && !names.isEmpty() || ids != null && !ids.isEmpty();
    List<Group> found = filtered
        ? store.groupsNamedOrWithId(names == null ? List.of() : names, ids == null ? List.of() : ids)
        : store.groups();
    return pageBean(found.stream().map(g -> new GroupDetailsJson(g.name(), g.groupId())).toList(), startAt,
        maxResults, "/group/bulk", request);
  }

  @PostMapping("/group")
  ResponseEntity<GroupJson> createGroup(@RequestAttribute(SandboxFilter.CALLER) User caller,
      @RequestBody(required = false) JsonNode body) {
    requireSiteAdmin(caller, "create groups (site administration is needed)");
    String name = text(body, "name");
    if (name == null || name.isBlank()) {
      throw SandboxException.badRequest("You must specify a group name (name).");
    }
    synchronized (store) {
      if (store.groupByName(name).isPresent()) {
        throw SandboxException.badRequest("A group with this name already exists.");
      }
      return ResponseEntity.status(HttpStatus.CREATED).body(json.group(store.createGroup(name)));
    }
  }

  @GetMapping("/group/member")
  PageBean<UserDetailsJson> groupMembers(@RequestParam(required = false) String groupId,
      @RequestParam(required = false) String groupname, @RequestParam(defaultValue = "false") boolean includeInactiveUsers,
      @RequestParam(defaultValue = "0") long startAt, @RequestParam(defaultValue = "50") int maxResults,
      HttpServletRequest request) {
    checkPaging(startAt, maxResults);
    Group group = group(groupId, groupname);
    List<UserDetailsJson> members = store.members(group.groupId()).stream()
        .filter(u -> includeInactiveUsers || u.active())
        .map(json::userDetails)
        .toList();
    return pageBean(members, startAt, Math.min(maxResults, GROUP_MEMBER_CAP), "/group/member", request);
  }

  @PostMapping("/group/user")
  ResponseEntity<GroupJson> addMember(@RequestAttribute(SandboxFilter.CALLER) User caller,
      @RequestParam(required = false) String groupId, @RequestParam(required = false) String groupname,
      @RequestBody(required = false) JsonNode body) {
    requireSiteAdmin(caller, "add users to groups (site administration is needed)");
    String accountId = text(body, "accountId");
    if (accountId == null || accountId.isBlank()) {
      throw SandboxException.badRequest("You must specify the user's accountId in the body: {\"accountId\":\"...\"}.");
    }
    synchronized (store) {
      Group group = group(groupId, groupname);
      User user = store.user(accountId).orElseThrow(() -> SandboxException.notFound(NO_SUCH_USER));
      if (!store.addMember(group.groupId(), user.accountId())) {
        // Undocumented on Jira Cloud; 400 makes clients pre-check membership (idempotent grants).
        throw SandboxException.badRequest("Cannot add user. User is already a member of '" + group.name() + "'.");
      }
      return ResponseEntity.status(HttpStatus.CREATED).body(json.group(store.group(group.groupId()).orElseThrow()));
    }
  }

  @DeleteMapping("/group/user")
  ResponseEntity<Void> removeMember(@RequestAttribute(SandboxFilter.CALLER) User caller,
      @RequestParam(required = false) String groupId, @RequestParam(required = false) String groupname,
      @RequestParam(required = false) String accountId) {
    requireSiteAdmin(caller, "remove users from groups (site administration is needed)");
    if (accountId == null || accountId.isBlank()) {
      throw SandboxException.badRequest("The accountId parameter is required.");
    }
    synchronized (store) {
      Group group = group(groupId, groupname);
      User user = store.user(accountId).orElseThrow(() -> SandboxException.notFound(NO_SUCH_USER));
      if (!store.removeMember(group.groupId(), user.accountId())) {
        throw SandboxException.notFound("User '" + user.accountId() + "' is not a member of group '"
            + group.name() + "'.");
      }
    }
    return ResponseEntity.ok().build();
  }

  /** The group named by exactly one of groupId and groupname; 400 for neither or both, 404 if unknown. */
  private Group group(String groupId, String groupname) {
    boolean byId = groupId != null && !groupId.isBlank();
    boolean byName = groupname != null && !groupname.isBlank();
    if (byId == byName) {
      throw SandboxException.badRequest("Give exactly one of groupId and groupname (groupId is preferred).");
    }
    Optional<Group> group = byId ? store.group(groupId) : store.groupByName(groupname);
    return group.orElseThrow(() -> SandboxException.notFound(
        "Group " + (byId ? "with id '" + groupId : "'" + groupname) + "' does not exist."));
  }

  private void requireSiteAdmin(User caller, String what) {
    if (!store.isSiteAdmin(caller.accountId())) {
      throw SandboxException.forbidden("You do not have permission to " + what + ". In the sandbox, members of '"
          + SandboxStore.SITE_ADMINS + "' are site admins.");
    }
  }

  private static String text(JsonNode body, String field) {
    if (body == null || !body.isObject()) {
      throw SandboxException.badRequest("The request body must be a JSON object.");
    }
    JsonNode value = body.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  static void checkPaging(long startAt, int maxResults) {
    if (startAt < 0 || maxResults < 0) {
      throw SandboxException.badRequest("startAt and maxResults must not be negative.");
    }
  }

  static <T> List<T> page(List<T> all, long startAt, int maxResults) {
    int from = (int) Math.min(startAt, all.size());
    return new ArrayList<>(all.subList(from, Math.min(all.size(), from + maxResults)));
  }

  /** A PageBean with {@code self} and {@code nextPage} rebuilt from the request, as Jira sends them. */
  private <T> PageBean<T> pageBean(List<T> all, long startAt, int maxResults, String path, HttpServletRequest request) {
    List<T> values = page(all, startAt, maxResults);
    boolean isLast = startAt + values.size() >= all.size();
    UriComponentsBuilder self = UriComponentsBuilder.fromUriString(json.api() + path).query(request.getQueryString());
    String next = isLast ? null : self.cloneBuilder().replaceQueryParam("startAt", startAt + values.size())
        .replaceQueryParam("maxResults", maxResults).build().toUriString();
    return new PageBean<>(self.build().toUriString(), next, maxResults, startAt, all.size(), isLast, values);
  }
}
