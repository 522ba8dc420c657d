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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Checks a request and resolves its targets against Atlassian: the user, group, project and role
 * exist (or, for creation, do not yet), and reads the state the request would change. Format
 * problems are all found first, without a call to Atlassian, so a requester fixes them in one go;
 * the Validate step of the process and the request API share this code and judge alike.
 */
@Component
public class RequestValidator {

  static final Set<String> PRODUCT_KEYS = Set.of("jira-software", "jira-servicedesk", "jira-core", "jira-product-discovery");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9:_-]{1,128}");
  private static final Pattern PROJECT = Pattern.compile("[A-Z][A-Z0-9_]{0,254}");
  /** Control characters; a reason may still have line breaks and tabs. */
  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
  private static final Pattern CONTROL_BUT_LINE_BREAKS = Pattern.compile("[\\p{Cntrl}&&[^\\t\\n\\r]]");
  /** Text that a JUEL or SpEL engine would evaluate; never wanted in a name or a reason. */
  private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{");
  private static final int MAX_TYPE = 64;
  private static final int MAX_NAME = 255;
  private static final int MAX_ACCOUNT_ID = 128;
  private static final int MAX_PRODUCT = 64;
  private static final int MAX_PRODUCTS = 10;
  private static final int MAX_REASON = 2000;
  private static final int MAX_QUOTE = 60;

  private final AtlassianClient atlassian;

  public RequestValidator(AtlassianClient atlassian) {
    this.atlassian = atlassian;
  }

  /** Checks the request's format, then resolves its targets in Atlassian. */
  public ResolvedRequest resolve(AccessRequest request) {
    RequestType type = check(request);
    return switch (type) {
      case ADD_USER_TO_GROUP, REMOVE_USER_FROM_GROUP -> groupMembership(type, request);
      case ADD_USER_TO_PROJECT_ROLE, REMOVE_USER_FROM_PROJECT_ROLE -> projectRole(type, request);
      case CREATE_USER -> createUser(request);
      case CREATE_GROUP -> createGroup(request);
    };
  }

  /** The request's type when its format is right; otherwise every format problem at once. */
  public RequestType check(AccessRequest request) {
    List<RequestError> errors = formatErrors(request);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return RequestType.valueOf(request.requestType());
  }

  /**
   * Every format problem of the request, at most one per field, in the order of the fields; no
   * call to Atlassian.
   */
  public List<RequestError> formatErrors(AccessRequest request) {
    Map<String, String> errors = new LinkedHashMap<>();
    Optional<RequestType> type = RequestType.parse(request.requestType());
    if (request.requestType() == null) {
      errors.put(REQUEST_TYPE, "is required: one of " + typeNames());
    } else if (type.isEmpty()) {
      errors.put(REQUEST_TYPE, quote(request.requestType()) + " is not a request type; use one of " + typeNames());
    }
    text(errors, REQUEST_TYPE, request.requestType(), MAX_TYPE);
    text(errors, USER_EMAIL, request.userEmail(), MAX_NAME);
    text(errors, ACCOUNT_ID, request.accountId(), MAX_ACCOUNT_ID);
    text(errors, GROUP_NAME, request.groupName(), MAX_NAME);
    text(errors, PROJECT_KEY, request.projectKey(), MAX_NAME);
    text(errors, ROLE_NAME, request.roleName(), MAX_NAME);
    if (request.products() != null) {
      if (request.products().size() > MAX_PRODUCTS) {
        errors.put(PRODUCTS, "has more than " + MAX_PRODUCTS + " entries");
      }
      request.products().forEach(product -> text(errors, PRODUCTS, product, MAX_PRODUCT));
    }
    text(errors, REASON, request.reason(), MAX_REASON);
    type.ifPresent(t -> {
      switch (t) {
        case ADD_USER_TO_GROUP, REMOVE_USER_FROM_GROUP -> {
          user(errors, request);
          required(errors, GROUP_NAME, request.groupName());
        }
        case ADD_USER_TO_PROJECT_ROLE, REMOVE_USER_FROM_PROJECT_ROLE -> {
          user(errors, request);
          if (required(errors, PROJECT_KEY, request.projectKey()) && !PROJECT.matcher(request.projectKey()).matches()) {
            add(errors, PROJECT_KEY, quote(request.projectKey()) + " is not a Jira project key (upper-case letters, digits, _)");
          }
          required(errors, ROLE_NAME, request.roleName());
        }
        case CREATE_USER -> {
          if (required(errors, USER_EMAIL, request.userEmail())) {
            email(errors, USER_EMAIL, request.userEmail());
          }
          products(errors, request.products());
        }
        case CREATE_GROUP -> required(errors, GROUP_NAME, request.groupName());
      }
    });
    List<RequestError> list = new ArrayList<>();
    errors.forEach((field, problem) -> list.add(new RequestError(field, problem)));
    return list;
  }

  /** Whom a membership or role request is for: by accountId, by email, or else the requester themself. */
  private static void user(Map<String, String> errors, AccessRequest request) {
    if (request.accountId() != null && !ACCOUNT.matcher(request.accountId()).matches()) {
      add(errors, ACCOUNT_ID, quote(request.accountId()) + " is not an Atlassian accountId (letters, digits, : _ -)");
    }
    if (request.userEmail() != null) {
      email(errors, USER_EMAIL, request.userEmail());
    } else if (request.accountId() == null) {
      if (request.requester() == null) {
        add(errors, USER_EMAIL, "or accountId is required: whom the request is for");
      } else if (!EMAIL.matcher(request.requester()).matches()) {
        add(errors, USER_EMAIL, "or accountId is required: the requester " + quote(request.requester())
            + " has no email address as user id, so say whom the request is for");
      }
    }
  }

  private static void products(Map<String, String> errors, List<String> products) {
    if (products == null) {
      add(errors, PRODUCTS, "is required for a new account: the products it may use, e.g. [\"jira-software\"],"
          + " or [] for none (no licence is used without an explicit choice)");
      return;
    }
    List<String> unknown = products.stream().filter(p -> !PRODUCT_KEYS.contains(p)).map(RequestValidator::shown).toList();
    if (!unknown.isEmpty()) {
      add(errors, PRODUCTS, "has unknown product keys " + unknown + "; use " + String.join(", ", PRODUCT_KEYS.stream().sorted().toList()));
    }
  }

  private static void email(Map<String, String> errors, String field, String value) {
    if (!EMAIL.matcher(value).matches()) {
      add(errors, field, quote(value) + " is not an email address");
    }
  }

  private static boolean required(Map<String, String> errors, String field, String value) {
    if (value == null) {
      add(errors, field, "is required for this request type");
      return false;
    }
    return !errors.containsKey(field);
  }

  private static void text(Map<String, String> errors, String field, String value, int max) {
    if (value == null) {
      return;
    }
    if (value.length() > max) {
      add(errors, field, "is longer than " + max + " characters");
    } else if ((REASON.equals(field) ? CONTROL_BUT_LINE_BREAKS : CONTROL).matcher(value).find()) {
      add(errors, field, REASON.equals(field) ? "contains control characters other than line breaks and tabs; remove them"
          : "contains control characters; remove them");
    } else if (EXPRESSION.matcher(value).find()) {
      add(errors, field, "contains an expression (${ or #{), which is not accepted; remove it");
    }
  }

  /** The first problem of a field is the one to report. */
  private static void add(Map<String, String> errors, String field, String problem) {
    errors.putIfAbsent(field, problem);
  }

  /** A value shown back in a message, in quotes. */
  private static String quote(String value) {
    return "'" + shown(value) + "'";
  }

  /** A value shown back in a message: short, without control characters. */
  private static String shown(String value) {
    String shown = CONTROL.matcher(value).replaceAll("?");
    return shown.length() > MAX_QUOTE ? shown.substring(0, MAX_QUOTE) + "…" : shown;
  }

  // --- resolution in Atlassian, after the format checks ----------------------------------------

  private ResolvedRequest groupMembership(RequestType type, AccessRequest request) {
    String groupName = request.groupName();
    List<RequestError> errors = new ArrayList<>();
    AtlassianUser user = collect(errors, () -> user(type, request));
    AtlassianGroup group = collect(errors, () -> atlassian.findGroupByName(groupName)
        .orElseThrow(() -> new InvalidRequestException(GROUP_NAME, quote(groupName) + " is not an Atlassian group")));
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    boolean member = atlassian.isMember(group.groupId(), user.accountId());
    String state = name(user) + (member ? " is in " : " is not in ") + group.name();
    return new ResolvedRequest(type, user.accountId(), user.emailAddress(), user.displayName(), group.groupId(), group.name(),
        null, null, null, null, null, summary(request, type.describe(person(user), group.name())), state,
        member == (type == RequestType.ADD_USER_TO_GROUP));
  }

  private ResolvedRequest projectRole(RequestType type, AccessRequest request) {
    String projectKey = request.projectKey();
    String roleName = request.roleName();
    List<RequestError> errors = new ArrayList<>();
    AtlassianUser user = collect(errors, () -> user(type, request));
    JiraProject project = collect(errors, () -> {
      try {
        return atlassian.project(projectKey);
      } catch (AtlassianException.NotFound e) {
        throw new InvalidRequestException(PROJECT_KEY, quote(projectKey) + " is not a Jira project (keys are case sensitive)");
      }
    });
    Long roleId = project == null ? null : collect(errors, () -> {
      try {
        return atlassian.roleId(projectKey, roleName);
      } catch (AtlassianException.NotFound e) {
        throw new InvalidRequestException(ROLE_NAME, quote(roleName) + " is not a role of project " + projectKey
            + "; its roles are " + String.join(", ", atlassian.projectRoles(projectKey).keySet()));
      }
    });
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
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
    String email = request.userEmail();
    List<String> products = request.products();
    Optional<AtlassianUser> existing = atlassian.findUserByEmail(email);
    String productText = products.isEmpty() ? "no product access" : "access to " + String.join(", ", products);
    String state = existing.map(u -> "An account for " + email + " exists: " + u.displayName())
        .orElse("No account for " + email + " exists");
    return new ResolvedRequest(RequestType.CREATE_USER, existing.map(AtlassianUser::accountId).orElse(null), email,
        existing.map(AtlassianUser::displayName).orElse(null), null, null, null, null, null, null, products,
        summary(request, RequestType.CREATE_USER.describe(email, productText)), state, existing.isPresent());
  }

  private ResolvedRequest createGroup(AccessRequest request) {
    String name = request.groupName();
    Optional<AtlassianGroup> existing = atlassian.findGroupByName(name);
    String state = existing.map(g -> "The group " + g.name() + " exists").orElse("No group " + name + " exists");
    return new ResolvedRequest(RequestType.CREATE_GROUP, null, null, null, existing.map(AtlassianGroup::groupId).orElse(null),
        existing.map(AtlassianGroup::name).orElse(name), null, null, null, null, null,
        summary(request, RequestType.CREATE_GROUP.describe(name, "")), state, existing.isPresent());
  }

  /** Independent look-ups report their errors together; technical failures still throw. */
  private static <T> T collect(List<RequestError> errors, Supplier<T> lookup) {
    try {
      return lookup.get();
    } catch (InvalidRequestException e) {
      errors.addAll(e.errors());
      return null;
    }
  }

  /** The person the request is for: by accountId, by email, or else the requester themself. */
  private AtlassianUser user(RequestType type, AccessRequest request) {
    String accountId = request.accountId();
    String email = request.userEmail() != null ? request.userEmail() : accountId == null ? request.requester() : null;
    AtlassianUser user;
    if (accountId != null) {
      try {
        user = atlassian.user(accountId);
      } catch (AtlassianException.NotFound e) {
        throw new InvalidRequestException(ACCOUNT_ID, quote(accountId) + " is not an Atlassian account");
      }
      if (request.userEmail() != null && !request.userEmail().equalsIgnoreCase(String.valueOf(user.emailAddress()))) {
        throw new InvalidRequestException(USER_EMAIL, "and accountId name different accounts; give one of them");
      }
    } else {
      user = atlassian.findUserByEmail(email).orElseThrow(() -> new InvalidRequestException(USER_EMAIL,
          quote(email) + " is not the email of an active Atlassian account (give the accountId for a deactivated one,"
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

  private static String typeNames() {
    return Arrays.stream(RequestType.values()).map(Enum::name).collect(Collectors.joining(", "));
  }
}
