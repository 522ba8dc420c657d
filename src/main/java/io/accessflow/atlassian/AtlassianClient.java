package io.accessflow.atlassian;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import feign.Client;
import feign.Feign;
import feign.FeignException;
import feign.Logger;
import feign.Request;
import feign.RequestTemplate;
import feign.Retryer;
import feign.Target;
import feign.auth.BasicAuthRequestInterceptor;
import feign.http2client.Http2Client;
import feign.jackson.JacksonDecoder;
import feign.jackson.JacksonEncoder;
import feign.slf4j.Slf4jLogger;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The Atlassian Cloud operations accessflow needs, over Jira's REST API v3 with basic auth
 * (account email + API token). Every failure is an {@link AtlassianException}; paging is done
 * here, from {@code startAt}/{@code maxResults}/{@code isLast}, never by following {@code nextPage}.
 * Calls are not retried here: the process engine's jobs own retries.
 */
public class AtlassianClient {

  static final int PAGE_SIZE = 50;
  /** Jira's user search stops at the 1000th user. */
  static final int USER_SEARCH_LIMIT = 1000;

  private final AtlassianApi api;
  private final Supplier<String> baseUrl;

  AtlassianClient(AtlassianApi api, Supplier<String> baseUrl) {
    this.api = api;
    this.baseUrl = baseUrl;
  }

  /**
   * A client for the site at {@code baseUrl} (read on every call, so it may resolve late, as the
   * sandbox's port does).
   */
  public static AtlassianClient create(Supplier<String> baseUrl, String email, String apiToken,
      Duration connectTimeout, Duration readTimeout) {
    return create(baseUrl, email, apiToken, connectTimeout, readTimeout, null);
  }

  /** As {@link #create(Supplier, String, String, Duration, Duration)}, counting each HTTP call in {@code meters} if given. */
  public static AtlassianClient create(Supplier<String> baseUrl, String email, String apiToken,
      Duration connectTimeout, Duration readTimeout, MeterRegistry meters) {
    ObjectMapper mapper = JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .serializationInclusion(JsonInclude.Include.NON_NULL)
        .build();
    HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    Client client = new Http2Client(http);
    AtlassianApi api = Feign.builder()
        .client(meters == null ? client : new CountingClient(client, meters))
        .options(new Request.Options(connectTimeout, readTimeout, false))
        .encoder(new JacksonEncoder(mapper))
        .decoder(new JacksonDecoder(mapper))
        .errorDecoder(new AtlassianErrorDecoder(mapper))
        .requestInterceptor(new BasicAuthRequestInterceptor(nullToEmpty(email), nullToEmpty(apiToken), StandardCharsets.UTF_8))
        .retryer(Retryer.NEVER_RETRY)
        // BASIC: method, URL, status and time at DEBUG; never headers, so never the Authorization header
        .logger(new Slf4jLogger(AtlassianClient.class))
        .logLevel(Logger.Level.BASIC)
        .target(new SiteTarget(baseUrl));
    return new AtlassianClient(api, baseUrl);
  }

  /** The site this client talks to. */
  public String siteUrl() {
    return baseUrl.get();
  }

  // --- account and permissions ---------------------------------------------------------------

  /** The account whose credentials the client uses ({@code /myself}); the credential probe. */
  public AtlassianUser myself() {
    return call("read the current account", "the current account", api::myself);
  }

  /** Whether the account holds each of the given permission keys (e.g. {@code ADMINISTER}). */
  public Map<String, Boolean> permissions(List<String> keys) {
    AtlassianApi.Permissions answer = call("read permissions", "permissions",
        () -> api.myPermissions(String.join(",", keys)));
    Map<String, Boolean> result = new LinkedHashMap<>();
    for (String key : keys) {
      AtlassianApi.Permission permission = answer.permissions() == null ? null : answer.permissions().get(key);
      result.put(key, permission != null && Boolean.TRUE.equals(permission.havePermission()));
    }
    return result;
  }

  // --- users ---------------------------------------------------------------------------------

  /**
   * The active account whose email address is exactly {@code email} (case-insensitive). Jira's
   * search matches prefixes of names and emails, so results are filtered here; accounts that hide
   * their email cannot be matched and are skipped.
   */
  public Optional<AtlassianUser> findUserByEmail(String email) {
    for (int startAt = 0; startAt < USER_SEARCH_LIMIT; startAt += PAGE_SIZE) {
      int from = startAt;
      List<AtlassianUser> page = call("search users", "users", () -> api.searchUsers(email, from, PAGE_SIZE));
      Optional<AtlassianUser> match = page.stream()
          .filter(AtlassianUser::isAtlassianAccount)
          .filter(u -> u.emailAddress() != null && u.emailAddress().equalsIgnoreCase(email))
          .findFirst();
      if (match.isPresent() || page.size() < PAGE_SIZE) {
        return match;
      }
    }
    return Optional.empty();
  }

  public AtlassianUser user(String accountId) {
    return call("read user", "user " + accountId, () -> api.user(accountId));
  }

  /**
   * Creates (invites) an account. {@code products} is explicit: an empty list creates the account
   * without product access, so no licence is consumed by accident. If Atlassian refuses because the
   * account already exists, this throws {@link AtlassianException.AlreadyExists}.
   */
  public AtlassianUser createUser(String email, List<String> products) {
    if (products == null) {
      throw new IllegalArgumentException("products must be given explicitly (an empty list for no product access)");
    }
    try {
      return call("create user", "user " + email, () -> api.createUser(new AtlassianApi.NewUser(email, List.copyOf(products))));
    } catch (AtlassianException.BadRequest e) {
      // "already exists without Jira access", or Atlassian's "created but answered 400" quirk
      if (findUserByEmail(email).isPresent()) {
        throw new AtlassianException.AlreadyExists("user " + email, e.status(), e.atlassianMessages());
      }
      throw e;
    }
  }

  // --- groups --------------------------------------------------------------------------------

  /** The group with exactly this name (case-insensitive, as Atlassian treats group names). */
  public Optional<AtlassianGroup> findGroupByName(String name) {
    return pages(startAt -> call("look up group", "groups", () -> api.groupsByName(name, startAt, PAGE_SIZE)))
        .stream().filter(g -> name.equalsIgnoreCase(g.name())).findFirst();
  }

  /** Creates a group; a name already in use gives {@link AtlassianException.AlreadyExists}. */
  public AtlassianGroup createGroup(String name) {
    try {
      return call("create group", "group '" + name + "'", () -> api.createGroup(new AtlassianApi.NewGroup(name)));
    } catch (AtlassianException.BadRequest e) {
      // Jira answers 400 for "name in use"; tell it apart from an invalid name by looking
      if (findGroupByName(name).isPresent()) {
        throw new AtlassianException.AlreadyExists("group '" + name + "'", e.status(), e.atlassianMessages());
      }
      throw e;
    }
  }

  /** All members of a group, inactive accounts included. */
  public List<AtlassianUser> groupMembers(String groupId) {
    return pages(startAt -> call("read group members", "group " + groupId, () -> api.groupMembers(groupId, startAt, PAGE_SIZE)));
  }

  /** The groups an account is a direct member of. */
  public List<AtlassianGroup> userGroups(String accountId) {
    return call("read the user's groups", "user " + accountId, () -> api.userGroups(accountId));
  }

  public boolean isMember(String groupId, String accountId) {
    return userGroups(accountId).stream().anyMatch(g -> groupId.equals(g.groupId()));
  }

  /** Adds the account to the group; an existing membership gives {@link AtlassianException.AlreadyExists}. */
  public void addUserToGroup(String groupId, String accountId) {
    try {
      call("add user to group", "group " + groupId + " or user " + accountId, () -> api.addUserToGroup(groupId, new AtlassianApi.AccountId(accountId)));
    } catch (AtlassianException.BadRequest e) {
      if (isMember(groupId, accountId)) {
        throw new AtlassianException.AlreadyExists("membership of " + accountId + " in group " + groupId, e.status(), e.atlassianMessages());
      }
      throw e;
    }
  }

  public void removeUserFromGroup(String groupId, String accountId) {
    run("remove user from group", "membership of " + accountId + " in group " + groupId, () -> api.removeUserFromGroup(groupId, accountId));
  }

  // --- projects and roles --------------------------------------------------------------------

  /** The project with its lead, read live. Project keys are case sensitive. */
  public JiraProject project(String projectKey) {
    return call("read project", "project " + projectKey, () -> api.project(projectKey));
  }

  /** The project's roles: name → role id. Role ids are resolved per project (team-managed projects differ). */
  public Map<String, Long> projectRoles(String projectKey) {
    Map<String, String> urls = call("read project roles", "project " + projectKey, () -> api.projectRoles(projectKey));
    Map<String, Long> ids = new LinkedHashMap<>();
    urls.forEach((name, url) -> ids.put(name, Long.parseLong(url.substring(url.lastIndexOf('/') + 1))));
    return ids;
  }

  /** The id of the role with this name (case-insensitive) in the project. */
  public long roleId(String projectKey, String roleName) {
    return projectRoles(projectKey).entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(roleName))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElseThrow(() -> new AtlassianException.NotFound("role '" + roleName + "' in project " + projectKey, 0, List.of()));
  }

  public ProjectRole projectRole(String projectKey, long roleId) {
    return call("read project role", "role " + roleId + " in project " + projectKey, () -> api.projectRole(projectKey, roleId));
  }

  /** Adds the account as a user actor; an existing one gives {@link AtlassianException.AlreadyExists}. */
  public ProjectRole addUserToRole(String projectKey, long roleId, String accountId) {
    try {
      return call("add user to project role", "project " + projectKey + ", role " + roleId + " or user " + accountId,
          () -> api.addRoleActors(projectKey, roleId, new AtlassianApi.Actors(List.of(accountId))));
    } catch (AtlassianException.BadRequest e) {
      if (projectRole(projectKey, roleId).hasUser(accountId)) {
        throw new AtlassianException.AlreadyExists("user " + accountId + " in role " + roleId + " of project " + projectKey,
            e.status(), e.atlassianMessages());
      }
      throw e;
    }
  }

  public void removeUserFromRole(String projectKey, long roleId, String accountId) {
    run("remove user from project role", "user " + accountId + " in role " + roleId + " of project " + projectKey,
        () -> api.removeRoleUser(projectKey, roleId, accountId));
  }

  // --- plumbing ------------------------------------------------------------------------------

  private static <T> List<T> pages(IntFunction<Page<T>> fetch) {
    List<T> all = new ArrayList<>();
    int startAt = 0;
    while (true) {
      Page<T> page = fetch.apply(startAt);
      all.addAll(page.values());
      if (page.last() || page.values().isEmpty()) {
        return all;
      }
      startAt += page.values().size();
    }
  }

  private static void run(String operation, String subject, Runnable call) {
    call(operation, subject, () -> {
      call.run();
      return null;
    });
  }

  /** Runs a call, naming the subject of a 404 and turning transport failures into {@link AtlassianException.Unavailable}. */
  private static <T> T call(String operation, String subject, Supplier<T> call) {
    try {
      return call.get();
    } catch (AtlassianException.NotFound e) {
      throw e.subject().startsWith("the target of ") ? new AtlassianException.NotFound(subject, e.status(), e.atlassianMessages()) : e;
    } catch (feign.RetryableException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new AtlassianException.Unavailable("No answer from Atlassian to " + operation + ": " + describe(cause), 0, List.of(), null, cause);
    } catch (FeignException e) {
      // an answer that is not Jira's JSON (e.g. a login page behind a wrong URL)
      throw new AtlassianException.Unavailable("Unexpected answer from Atlassian to " + operation, e.status(), List.of(), null, e);
    }
  }

  private static String describe(Throwable cause) {
    String type = cause.getClass().getSimpleName();
    return cause.getMessage() == null ? type : type + " " + cause.getMessage();
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }

  /**
   * Counts every HTTP exchange with Atlassian as {@code accessflow.atlassian.calls} by operation
   * (the API method, a small fixed set) and status: the HTTP status (429 = rate limited) or
   * {@code IO_ERROR} when no answer came.
   */
  private record CountingClient(Client delegate, MeterRegistry meters) implements Client {
    static final String METER = "accessflow.atlassian.calls";

    @Override
    public feign.Response execute(Request request, Request.Options options) throws IOException {
      String operation = request.requestTemplate() != null && request.requestTemplate().methodMetadata() != null
          ? request.requestTemplate().methodMetadata().method().getName() : "unknown";
      try {
        feign.Response response = delegate.execute(request, options);
        count(operation, Integer.toString(response.status()));
        return response;
      } catch (IOException | RuntimeException e) {
        count(operation, "IO_ERROR");
        throw e;
      }
    }

    private void count(String operation, String status) {
      Counter.builder(METER).description("HTTP calls to Atlassian by API operation and status")
          .tag("operation", operation).tag("status", status).register(meters).increment();
    }
  }

  /** A target whose URL is read per request. */
  private record SiteTarget(Supplier<String> baseUrl) implements Target<AtlassianApi> {
    @Override
    public Class<AtlassianApi> type() {
      return AtlassianApi.class;
    }

    @Override
    public String name() {
      return "atlassian";
    }

    @Override
    public String url() {
      return baseUrl.get();
    }

    @Override
    public Request apply(RequestTemplate template) {
      if (!template.url().toLowerCase(Locale.ROOT).startsWith("http")) {
        template.target(url());
      }
      return template.request();
    }
  }
}
