package io.accessflow.sandbox;

import static io.accessflow.sandbox.SandboxHttp.ADMIN;
import static io.accessflow.sandbox.SandboxHttp.ALICE;
import static io.accessflow.sandbox.SandboxHttp.API;
import static io.accessflow.sandbox.SandboxHttp.CAROL;
import static io.accessflow.sandbox.SandboxHttp.FRANK;
import static io.accessflow.sandbox.SandboxHttp.TOKEN;
import static io.accessflow.sandbox.SandboxHttp.basic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.accessflow.sandbox.SandboxHttp.Response;
import org.junit.jupiter.api.Test;

class SandboxAuthenticationTest extends SandboxTestBase {

  private static final String DEPRECATED = "Basic authentication with passwords is deprecated. For more information, "
      + "see: https://developer.atlassian.com/cloud/confluence/deprecation-notice-basic-auth/";

  @Test
  void answers401JsonWithoutCredentials() {
    Response response = http.send("GET", API + "/myself", null, null);

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.contentType()).startsWith("application/json");
    assertThat(response.json().get("message").asText()).isEqualTo("Client must be authenticated to access this resource.");
    assertThat(response.json().get("status-code").asInt()).isEqualTo(401);
  }

  @Test
  void answers401WithPasswordDeprecationForWrongToken() {
    Response response = http.send("GET", API + "/myself", basic(ADMIN, "wrong-token"), null);

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.contentType()).startsWith("text/plain");
    assertThat(response.body()).isEqualTo(DEPRECATED);
  }

  @Test
  void answers401WithPasswordDeprecationForUnknownEmail() {
    Response response = http.send("GET", API + "/myself", basic("nobody@example.com", TOKEN), null);

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.body()).isEqualTo(DEPRECATED);
  }

  @Test
  void rejectsAnInactiveUserWithTheRightToken() {
    assertThat(http.get("erin@example.com", API + "/myself").status()).isEqualTo(401);
  }

  @Test
  void rejectsAMalformedAuthorizationHeader() {
    assertThat(http.send("GET", API + "/myself", "Basic %%%not-base64", null).body()).isEqualTo(DEPRECATED);
  }

  @Test
  void matchesTheEmailCaseInsensitively() {
    Response response = http.get("Alice@Example.COM", API + "/myself");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().get("emailAddress").asText()).isEqualTo(ALICE);
  }

  @Test
  void myselfAnswersTheCallerWithGroupsOnRequest() {
    JsonNode me = http.get(FRANK, API + "/myself?expand=groups,applicationRoles").json();

    assertThat(me.get("accountId").asText()).matches("[0-9a-f]{24}").isEqualTo(accountId(FRANK));
    assertThat(me.get("displayName").asText()).isEqualTo("Frank Admin");
    assertThat(me.get("accountType").asText()).isEqualTo("atlassian");
    assertThat(me.get("active").asBoolean()).isTrue();
    assertThat(me.get("self").asText()).isEqualTo(http.base() + API + "/user?accountId=" + accountId(FRANK));
    assertThat(me.get("groups").get("size").asInt()).isEqualTo(2);
    assertThat(me.get("groups").get("items").findValuesAsText("name")).containsExactly("jira-software-users", "site-admins");
    assertThat(me.get("applicationRoles").get("items").findValuesAsText("key")).containsExactly("jira-software");
  }

  @Test
  void myselfWithoutExpandHasNoGroupItems() {
    JsonNode me = http.get(CAROL, API + "/myself").json();

    assertThat(me.get("groups").get("size").asInt()).isEqualTo(2);
    assertThat(me.get("groups").get("items")).isEmpty();
  }

  @Test
  void treatsBadCredentialsAsAnonymousOnProjectEndpoints() {
    for (String path : new String[] {"/project/ALPHA", "/project/ALPHA/role", "/project/ALPHA/role/10002"}) {
      Response response = http.send("GET", API + path, basic(ADMIN, "wrong-token"), null);

      assertThat(response.status()).as(path).isEqualTo(404);
      assertThat(response.contentType()).startsWith("application/json");
      assertThat(response.json().get("errorMessages").get(0).asText()).isEqualTo("No project could be found with key 'ALPHA'.");
      assertThat(response.json().get("errors").isEmpty()).isTrue();
    }
  }

  @Test
  void treatsMissingCredentialsAsAnonymousOnProjectEndpoints() {
    assertThat(http.get(null, API + "/project/ALPHA").status()).isEqualTo(404);
  }

  @Test
  void userSearchAnswersAnEmptyListToAnonymousCallers() {
    Response missing = http.get(null, API + "/user/search?query=alice");
    Response wrong = http.send("GET", API + "/user/search?query=alice", basic(ADMIN, "nope"), null);

    assertThat(missing.status()).isEqualTo(200);
    assertThat(missing.json().isArray()).isTrue();
    assertThat(missing.json()).isEmpty();
    assertThat(wrong.status()).isEqualTo(200);
    assertThat(wrong.json()).isEmpty();
  }

  @Test
  void myPermissionsGrantsSiteAdminsAdminister() {
    Response response = http.get(ADMIN, API + "/mypermissions?permissions=ADMINISTER,USER_PICKER");

    assertThat(response.status()).isEqualTo(200);
    JsonNode administer = response.json().get("permissions").get("ADMINISTER");
    assertThat(administer.get("id").asText()).isEqualTo("0");
    assertThat(administer.get("key").asText()).isEqualTo("ADMINISTER");
    assertThat(administer.get("name").asText()).isEqualTo("Administer Jira");
    assertThat(administer.get("type").asText()).isEqualTo("GLOBAL");
    assertThat(administer.get("description").asText()).isNotBlank();
    assertThat(administer.get("havePermission").asBoolean()).isTrue();
    assertThat(response.json().get("permissions").get("USER_PICKER").get("havePermission").asBoolean()).isTrue();
  }

  @Test
  void myPermissionsGrantsOthersOnlyUserPickerAndBrowseProjects() {
    JsonNode permissions = http.get(ALICE,
        API + "/mypermissions?permissions=ADMINISTER,USER_PICKER,BROWSE_PROJECTS,ADMINISTER_PROJECTS").json().get("permissions");

    assertThat(permissions.get("ADMINISTER").get("havePermission").asBoolean()).isFalse();
    assertThat(permissions.get("USER_PICKER").get("havePermission").asBoolean()).isTrue();
    assertThat(permissions.get("BROWSE_PROJECTS").get("havePermission").asBoolean()).isTrue();
    assertThat(permissions.get("BROWSE_PROJECTS").get("type").asText()).isEqualTo("PROJECT");
    assertThat(permissions.get("ADMINISTER_PROJECTS").get("havePermission").asBoolean()).isFalse();
  }

  @Test
  void myPermissionsWithoutOrWithAnUnknownKeyIs400() {
    assertThat(http.get(ADMIN, API + "/mypermissions").status()).isEqualTo(400);
    assertThat(http.get(ADMIN, API + "/mypermissions?permissions=").status()).isEqualTo(400);
    Response unknown = http.get(ADMIN, API + "/mypermissions?permissions=ADMINISTER,SYSTEM_ADMIN");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.errorMessage()).contains("SYSTEM_ADMIN");
  }

  @Test
  void myPermissionsForAnUnknownProjectIs404() {
    assertThat(http.get(ADMIN, API + "/mypermissions?permissions=BROWSE_PROJECTS&projectKey=NOPE").status()).isEqualTo(404);
  }

  @Test
  void nonAdminsGet403OnGroupAndUserManagementAndNothingChanges() {
    String groupId = groupId("alpha-developers");
    String dave = accountId("dave@example.com");

    Response create = http.post(ALICE, API + "/group", "{\"name\":\"alice-group\"}");
    Response add = http.post(ALICE, API + "/group/user?groupId=" + groupId, "{\"accountId\":\"" + dave + "\"}");
    Response remove = http.delete(ALICE, API + "/group/user?groupId=" + groupId + "&accountId=" + accountId(CAROL));
    Response user = http.post(ALICE, API + "/user", "{\"emailAddress\":\"new@example.com\",\"products\":[\"jira-software\"]}");

    for (Response response : new Response[] {create, add, remove, user}) {
      assertThat(response.status()).isEqualTo(403);
      assertThat(response.errorMessage()).contains("site-admins");
    }
    assertThat(store.groupByName("alice-group")).isEmpty();
    assertThat(store.memberEmails("alpha-developers")).containsExactly(CAROL);
    assertThat(store.userByEmail("new@example.com")).isEmpty();
  }

  @Test
  void nonAdminsGet401OnAddingRoleActors() {
    Response response = http.post(ALICE, API + "/project/ALPHA/role/10000", "{\"user\":[\"" + accountId("dave@example.com") + "\"]}");

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.contentType()).startsWith("application/json");
    assertThat(response.json().has("errorMessages")).isTrue();
    assertThat(store.roleUserEmails("ALPHA", "Developers")).containsExactly(CAROL);
  }

  @Test
  void nonAdminsGet404OnRemovingRoleActors() {
    Response response = http.delete(ALICE, API + "/project/ALPHA/role/10000?user=" + accountId(CAROL));

    assertThat(response.status()).isEqualTo(404);
    assertThat(store.roleUserEmails("ALPHA", "Developers")).containsExactly(CAROL);
  }

  @Test
  void frankAsSiteAdminMayManageGroups() {
    assertThat(http.post(FRANK, API + "/group", "{\"name\":\"frank-group\"}").status()).isEqualTo(201);
  }
}
