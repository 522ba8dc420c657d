package io.accessflow.atlassian;

import feign.Headers;
import feign.Param;
import feign.RequestLine;
import java.util.List;
import java.util.Map;

/**
 * The raw Jira Cloud platform REST API v3 calls accessflow makes (see API-NOTES.md). Errors are
 * turned into {@link AtlassianException}s by {@link AtlassianErrorDecoder}; use {@link AtlassianClient}.
 */
@Headers("Accept: application/json")
interface AtlassianApi {

  @RequestLine("GET /rest/api/3/myself")
  AtlassianUser myself();

  @RequestLine("GET /rest/api/3/mypermissions?permissions={permissions}")
  Permissions myPermissions(@Param("permissions") String commaSeparatedKeys);

  @RequestLine("GET /rest/api/3/user/search?query={query}&startAt={startAt}&maxResults={maxResults}")
  List<AtlassianUser> searchUsers(@Param("query") String query, @Param("startAt") int startAt, @Param("maxResults") int maxResults);

  @RequestLine("GET /rest/api/3/user?accountId={accountId}")
  AtlassianUser user(@Param("accountId") String accountId);

  @RequestLine("POST /rest/api/3/user")
  @Headers("Content-Type: application/json")
  AtlassianUser createUser(NewUser user);

  @RequestLine("GET /rest/api/3/group/bulk?groupName={groupName}&startAt={startAt}&maxResults={maxResults}")
  Page<AtlassianGroup> groupsByName(@Param("groupName") String groupName, @Param("startAt") int startAt, @Param("maxResults") int maxResults);

  @RequestLine("POST /rest/api/3/group")
  @Headers("Content-Type: application/json")
  AtlassianGroup createGroup(NewGroup group);

  @RequestLine("GET /rest/api/3/group/member?groupId={groupId}&includeInactiveUsers=true&startAt={startAt}&maxResults={maxResults}")
  Page<AtlassianUser> groupMembers(@Param("groupId") String groupId, @Param("startAt") int startAt, @Param("maxResults") int maxResults);

  @RequestLine("GET /rest/api/3/user/groups?accountId={accountId}")
  List<AtlassianGroup> userGroups(@Param("accountId") String accountId);

  @RequestLine("POST /rest/api/3/group/user?groupId={groupId}")
  @Headers("Content-Type: application/json")
  AtlassianGroup addUserToGroup(@Param("groupId") String groupId, AccountId user);

  @RequestLine("DELETE /rest/api/3/group/user?groupId={groupId}&accountId={accountId}")
  void removeUserFromGroup(@Param("groupId") String groupId, @Param("accountId") String accountId);

  @RequestLine("GET /rest/api/3/project/{projectKey}")
  JiraProject project(@Param("projectKey") String projectKey);

  @RequestLine("GET /rest/api/3/project/{projectKey}/role")
  Map<String, String> projectRoles(@Param("projectKey") String projectKey);

  @RequestLine("GET /rest/api/3/project/{projectKey}/role/{roleId}")
  ProjectRole projectRole(@Param("projectKey") String projectKey, @Param("roleId") long roleId);

  @RequestLine("POST /rest/api/3/project/{projectKey}/role/{roleId}")
  @Headers("Content-Type: application/json")
  ProjectRole addRoleActors(@Param("projectKey") String projectKey, @Param("roleId") long roleId, Actors actors);

  @RequestLine("DELETE /rest/api/3/project/{projectKey}/role/{roleId}?user={accountId}")
  void removeRoleUser(@Param("projectKey") String projectKey, @Param("roleId") long roleId, @Param("accountId") String accountId);

  record NewUser(String emailAddress, List<String> products) {}

  record NewGroup(String name) {}

  record AccountId(String accountId) {}

  record Actors(List<String> user) {}

  record Permissions(Map<String, Permission> permissions) {}

  record Permission(String key, String name, Boolean havePermission) {}
}
