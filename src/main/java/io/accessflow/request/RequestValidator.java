package io.accessflow.request;

import static io.accessflow.request.RequestVariables.ACCOUNT_ID;
import static io.accessflow.request.RequestVariables.GROUP_NAME;
import static io.accessflow.request.RequestVariables.PRODUCTS;
import static io.accessflow.request.RequestVariables.PROJECT_KEY;
import static io.accessflow.request.RequestVariables.REASON;
import static io.accessflow.request.RequestVariables.REQUEST_TYPE;
import static io.accessflow.request.RequestVariables.ROLE_NAME;
import static io.accessflow.request.RequestVariables.USER_EMAIL;

import io.accessflow.atlassian.AtlassianClient;
import io.accessflow.atlassian.AtlassianException;
import io.accessflow.atlassian.AtlassianGroup;
import io.accessflow.atlassian.AtlassianUser;
import io.accessflow.atlassian.JiraProject;
import io.accessflow.atlassian.ProjectRole;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Checks a request and resolves its targets against Atlassian: the user, group, project and role
 * exist (or, for creation, do not yet), and reads the state the request would change.
 */
@Component
public class RequestValidator {

  static final Set<String> PRODUCT_KEYS = Set.of("jira-software", "jira-servicedesk", "jira-core", "jira-product-discovery");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9:_-]{1,128}");
  private static final Pattern PROJECT = Pattern.compile("[A-Z][A-Z0-9_]{0,254}");
  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
  private static final int MAX_NAME = 255;
  private static final int MAX_REASON = 2000;

  private final AtlassianClient atlassian;

  public RequestValidator(AtlassianClient atlassian) {
    this.atlassian = atlassian;
  }

  public ResolvedRequest resolve(AccessRequest request) {
    RequestType type = RequestType.parse(request.requestType()).orElseThrow(() -> new InvalidRequestException(REQUEST_TYPE,
        request.requestType() == null ? "is required: one of " + typeNames()
            : "'" + request.requestType() + "' is not a request type; use one of " + typeNames()));
    checkText(REASON, request.reason(), MAX_REASON);
    return switch (type) {
      case ADD_USER_TO_GROUP, REMOVE_USER_FROM_GROUP -> groupMembership(type, request);
      case ADD_USER_TO_PROJECT_ROLE, REMOVE_USER_FROM_PROJECT_ROLE -> projectRole(type, request);
      case CREATE_USER -> createUser(request);
      case CREATE_GROUP -> createGroup(request);
    };
  }

  private ResolvedRequest groupMembership(RequestType type, AccessRequest request) {
    String groupName = required(GROUP_NAME, request.groupName(), MAX_NAME);
    AtlassianUser user = user(type, request);
    AtlassianGroup group = atlassian.findGroupByName(groupName)
        .orElseThrow(() -> new InvalidRequestException(GROUP_NAME, "'" + groupName + "' is not an Atlassian group"));
    boolean member = atlassian.isMember(group.groupId(), user.accountId());
    String state = name(user) + (member ? " is in " : " is not in ") + group.name();
    return new ResolvedRequest(type, user.accountId(), user.emailAddress(), user.displayName(), group.groupId(), group.name(),
        null, null, null, null, null, summary(request, type.describe(person(user), group.name())), state,
        member == (type == RequestType.ADD_USER_TO_GROUP));
  }

  private ResolvedRequest projectRole(RequestType type, AccessRequest request) {
    String projectKey = required(PROJECT_KEY, request.projectKey(), MAX_NAME);
    if (!PROJECT.matcher(projectKey).matches()) {
      throw new InvalidRequestException(PROJECT_KEY, "'" + projectKey + "' is not a Jira project key (upper-case letters, digits, _)");
    }
    String roleName = required(ROLE_NAME, request.roleName(), MAX_NAME);
    AtlassianUser user = user(type, request);
    JiraProject project;
    long roleId;
    try {
      project = atlassian.project(projectKey);
    } catch (AtlassianException.NotFound e) {
      throw new InvalidRequestException(PROJECT_KEY, "'" + projectKey + "' is not a Jira project (keys are case sensitive)");
    }
    try {
      roleId = atlassian.roleId(projectKey, roleName);
    } catch (AtlassianException.NotFound e) {
      throw new InvalidRequestException(ROLE_NAME, "'" + roleName + "' is not a role of project " + projectKey
          + "; its roles are " + String.join(", ", atlassian.projectRoles(projectKey).keySet()));
    }
    ProjectRole projectRole = atlassian.projectRole(projectKey, roleId);
    String role = projectRole.name();
    boolean actor = projectRole.hasUser(user.accountId());
    String target = "role " + role + " of project " + project.key() + " (" + project.name() + ")";
    String state = name(user) + (actor ? " is in " : " is not in ") + "role " + role + " of " + project.key();
    return new ResolvedRequest(type, user.accountId(), user.emailAddress(), user.displayName(), null, null,
        project.key(), project.name(), roleId, role, null, summary(request, type.describe(person(user), target)), state,
        actor == (type == RequestType.ADD_USER_TO_PROJECT_ROLE));
  }

  private ResolvedRequest createUser(AccessRequest request) {
    String email = required(USER_EMAIL, request.userEmail(), MAX_NAME);
    if (!EMAIL.matcher(email).matches()) {
      throw new InvalidRequestException(USER_EMAIL, "'" + email + "' is not an email address");
    }
    List<String> products = request.products();
    if (products == null) {
      throw new InvalidRequestException(PRODUCTS, "is required for a new account: the products it may use, e.g. [\"jira-software\"],"
          + " or [] for none (no licence is used without an explicit choice)");
    }
    List<String> unknown = products.stream().filter(p -> !PRODUCT_KEYS.contains(p)).toList();
    if (!unknown.isEmpty()) {
      throw new InvalidRequestException(PRODUCTS, "has unknown product keys " + unknown + "; use " + String.join(", ", PRODUCT_KEYS.stream().sorted().toList()));
    }
    Optional<AtlassianUser> existing = atlassian.findUserByEmail(email);
    String productText = products.isEmpty() ? "no product access" : "access to " + String.join(", ", products);
    String state = existing.map(u -> "An account for " + email + " exists: " + u.displayName())
        .orElse("No account for " + email + " exists");
    return new ResolvedRequest(RequestType.CREATE_USER, existing.map(AtlassianUser::accountId).orElse(null), email,
        existing.map(AtlassianUser::displayName).orElse(null), null, null, null, null, null, null, products,
        summary(request, RequestType.CREATE_USER.describe(email, productText)), state, existing.isPresent());
  }

  private ResolvedRequest createGroup(AccessRequest request) {
    String name = required(GROUP_NAME, request.groupName(), MAX_NAME);
    Optional<AtlassianGroup> existing = atlassian.findGroupByName(name);
    String state = existing.map(g -> "The group " + g.name() + " exists").orElse("No group " + name + " exists");
    return new ResolvedRequest(RequestType.CREATE_GROUP, null, null, null, existing.map(AtlassianGroup::groupId).orElse(null),
        existing.map(AtlassianGroup::name).orElse(name), null, null, null, null, null,
        summary(request, RequestType.CREATE_GROUP.describe(name, "")), state, existing.isPresent());
  }

  /** The person the request is for: by accountId, by email, or else the requester themself. */
  private AtlassianUser user(RequestType type, AccessRequest request) {
    String accountId = request.accountId();
    String email = request.userEmail() != null ? request.userEmail() : accountId == null ? request.requester() : null;
    AtlassianUser user;
    if (accountId != null) {
      checkText(ACCOUNT_ID, accountId, 128);
      if (!ACCOUNT.matcher(accountId).matches()) {
        throw new InvalidRequestException(ACCOUNT_ID, "'" + accountId + "' is not an Atlassian accountId");
      }
      try {
        user = atlassian.user(accountId);
      } catch (AtlassianException.NotFound e) {
        throw new InvalidRequestException(ACCOUNT_ID, "'" + accountId + "' is not an Atlassian account");
      }
      if (request.userEmail() != null && !request.userEmail().equalsIgnoreCase(String.valueOf(user.emailAddress()))) {
        throw new InvalidRequestException(USER_EMAIL, "and accountId name different accounts; give one of them");
      }
    } else {
      if (email == null) {
        throw new InvalidRequestException(USER_EMAIL, "or accountId is required: whom the request is for");
      }
      checkText(USER_EMAIL, email, MAX_NAME);
      if (!EMAIL.matcher(email).matches()) {
        throw new InvalidRequestException(USER_EMAIL, "'" + email + "' is not an email address");
      }
      user = atlassian.findUserByEmail(email).orElseThrow(() -> new InvalidRequestException(USER_EMAIL,
          "'" + email + "' is not the email of an active Atlassian account (give the accountId for a deactivated one,"
              + " or ask for CREATE_USER first)"));
    }
    if (!type.isRemoval() && !user.isActive()) {
      throw new InvalidRequestException(request.accountId() != null ? ACCOUNT_ID : USER_EMAIL,
          "names " + user.displayName() + ", whose Atlassian account is deactivated");
    }
    return user;
  }

  private static String summary(AccessRequest request, String change) {
    return (request.requester() == null ? "Someone" : request.requester()) + " asks to " + change;
  }

  private static String person(AtlassianUser user) {
    return user.emailAddress() == null ? name(user) : name(user) + " (" + user.emailAddress() + ")";
  }

  private static String name(AtlassianUser user) {
    return user.displayName() != null ? user.displayName() : user.accountId();
  }

  private static String required(String field, String value, int max) {
    if (value == null) {
      throw new InvalidRequestException(field, "is required for this request type");
    }
    checkText(field, value, max);
    return value;
  }

  private static void checkText(String field, String value, int max) {
    if (value == null) {
      return;
    }
    if (value.length() > max) {
      throw new InvalidRequestException(field, "is longer than " + max + " characters");
    }
    if (CONTROL.matcher(value).find() && !REASON.equals(field)) {
      throw new InvalidRequestException(field, "contains control characters");
    }
  }

  private static String typeNames() {
    return Arrays.stream(RequestType.values()).map(Enum::name).collect(Collectors.joining(", "));
  }
}
