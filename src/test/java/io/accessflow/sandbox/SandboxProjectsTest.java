package io.accessflow.sandbox;

import static io.accessflow.sandbox.SandboxHttp.ADMIN;
import static io.accessflow.sandbox.SandboxHttp.ALICE;
import static io.accessflow.sandbox.SandboxHttp.API;
import static io.accessflow.sandbox.SandboxHttp.CAROL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.accessflow.sandbox.SandboxHttp.Response;
import io.accessflow.sandbox.SandboxStore.Project;
import io.accessflow.sandbox.SandboxStore.Role;
import org.junit.jupiter.api.Test;

class SandboxProjectsTest extends SandboxTestBase {

  private static final String DAVE = "dave@example.com";

  @Test
  void seedsThreeProjectsWithTheSameRolesAndTheirActors() {
    assertThat(store.projects()).extracting(Project::key).containsExactly("ALPHA", "BETA", "GAMMA");
    assertThat(store.projects()).extracting(Project::id).containsExactly("10000", "10001", "10002");
    assertThat(store.project("GAMMA").orElseThrow().leadAccountId()).isEqualTo(accountId("erin@example.com"));
    assertThat(store.roles()).extracting(Role::name, Role::id)
        .containsExactly(tuple("Administrators", 10002L),
            tuple("Developers", 10000L),
            tuple("Viewers", 10001L));
    assertThat(store.roleUserEmails("ALPHA", "Administrators")).containsExactly(ALICE);
    assertThat(store.roleUserEmails("ALPHA", "Developers")).containsExactly(CAROL);
    assertThat(store.roleUserEmails("BETA", "Administrators")).containsExactly("bob@example.com");
    assertThat(store.roleUserEmails("GAMMA", "Administrators")).isEmpty();
  }

  @Test
  void getsAProjectWithItsLead() {
    Response response = http.get(CAROL, API + "/project/ALPHA");

    assertThat(response.status()).isEqualTo(200);
    JsonNode project = response.json();
    assertThat(project.get("id").asText()).isEqualTo("10000");
    assertThat(project.get("key").asText()).isEqualTo("ALPHA");
    assertThat(project.get("name").asText()).isEqualTo("Alpha");
    assertThat(project.get("self").asText()).isEqualTo(http.base() + API + "/project/10000");
    assertThat(project.get("projectTypeKey").asText()).isEqualTo("software");
    assertThat(project.get("simplified").asBoolean()).isFalse();
    assertThat(project.get("style").asText()).isEqualTo("classic");
    assertThat(project.get("isPrivate").asBoolean()).isFalse();
    assertThat(project.get("assigneeType").asText()).isEqualTo("UNASSIGNED");
    assertThat(project.get("avatarUrls").get("48x48").asText()).isNotBlank();
    assertThat(project.get("roles").get("Developers").asText()).isEqualTo(http.base() + API + "/project/10000/role/10000");
    JsonNode lead = project.get("lead");
    assertThat(lead.get("accountId").asText()).isEqualTo(accountId(ALICE));
    assertThat(lead.get("displayName").asText()).isEqualTo("Alice Lead");
    assertThat(lead.get("active").asBoolean()).isTrue();
    assertThat(lead.get("accountType").asText()).isEqualTo("atlassian");
  }

  @Test
  void getsAProjectByIdAndShowsAnInactiveLead() {
    JsonNode gamma = http.get(CAROL, API + "/project/10002").json();

    assertThat(gamma.get("key").asText()).isEqualTo("GAMMA");
    assertThat(gamma.get("lead").get("displayName").asText()).isEqualTo("Erin Inactive");
    assertThat(gamma.get("lead").get("active").asBoolean()).isFalse();
  }

  @Test
  void projectKeysAreCaseSensitiveAndUnknownProjectsAre404() {
    Response lower = http.get(ADMIN, API + "/project/alpha");

    assertThat(lower.status()).isEqualTo(404);
    assertThat(lower.errorMessage()).isEqualTo("No project could be found with key 'alpha'.");
    assertThat(http.get(ADMIN, API + "/project/NOPE").status()).isEqualTo(404);
  }

  @Test
  void listsAProjectsRolesAsNameToUrl() {
    Response response = http.get(ADMIN, API + "/project/ALPHA/role");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().get("Administrators").asText()).isEqualTo(http.base() + API + "/project/10000/role/10002");
    assertThat(response.json().get("Developers").asText()).isEqualTo(http.base() + API + "/project/10000/role/10000");
    assertThat(response.json().get("Viewers").asText()).isEqualTo(http.base() + API + "/project/10000/role/10001");
    assertThat(http.get(ADMIN, API + "/project/NOPE/role").status()).isEqualTo(404);
  }

  @Test
  void getsARoleWithItsActors() {
    Response response = http.get(ADMIN, API + "/project/ALPHA/role/10000");

    assertThat(response.status()).isEqualTo(200);
    JsonNode role = response.json();
    assertThat(role.get("self").asText()).isEqualTo(http.base() + API + "/project/10000/role/10000");
    assertThat(role.get("name").asText()).isEqualTo("Developers");
    assertThat(role.get("id").asLong()).isEqualTo(10000L);
    assertThat(role.get("description").asText()).isNotBlank();
    assertThat(role.get("actors")).hasSize(1);
    JsonNode actor = role.get("actors").get(0);
    assertThat(actor.get("id").isNumber()).isTrue();
    assertThat(actor.get("displayName").asText()).isEqualTo("Carol Requester");
    assertThat(actor.get("type").asText()).isEqualTo("atlassian-user-role-actor");
    assertThat(actor.get("actorUser").get("accountId").asText()).isEqualTo(accountId(CAROL));
  }

  @Test
  void unknownRoleOrProjectIs404() {
    assertThat(http.get(ADMIN, API + "/project/ALPHA/role/99999").status()).isEqualTo(404);
    assertThat(http.get(ADMIN, API + "/project/ALPHA/role/abc").status()).isEqualTo(404);
    assertThat(http.get(ADMIN, API + "/project/NOPE/role/10000").status()).isEqualTo(404);
  }

  @Test
  void addsAUserToARoleAndAnswersTheFullRole() {
    Response response = http.post(ADMIN, API + "/project/ALPHA/role/10000", "{\"user\":[\"" + accountId(DAVE) + "\"]}");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().get("name").asText()).isEqualTo("Developers");
    assertThat(response.json().get("actors").findValuesAsText("displayName")).containsExactly("Carol Requester", "Dave Newcomer");
    assertThat(store.roleUserEmails("ALPHA", "Developers")).containsExactly(CAROL, DAVE);
  }

  @Test
  void addsAGroupToARoleByIdOrName() {
    Response byId = http.post(ADMIN, API + "/project/BETA/role/10001", "{\"groupId\":[\"" + groupId("beta-developers") + "\"]}");
    Response byName = http.post(ADMIN, API + "/project/BETA/role/10001", "{\"group\":[\"alpha-developers\"]}");

    assertThat(byId.status()).isEqualTo(200);
    assertThat(byName.status()).isEqualTo(200);
    JsonNode actors = byName.json().get("actors");
    assertThat(actors).hasSize(2);
    JsonNode first = actors.get(0);
    assertThat(first.get("type").asText()).isEqualTo("atlassian-group-role-actor");
    assertThat(first.get("actorGroup").get("name").asText()).isEqualTo("beta-developers");
    assertThat(first.get("actorGroup").get("groupId").asText()).isEqualTo(groupId("beta-developers"));
    assertThat(first.get("actorGroup").get("displayName").asText()).isEqualTo("beta-developers");
  }

  @Test
  void addingAnExistingActorIs400AndAddsNothing() {
    Response response = http.post(ADMIN, API + "/project/ALPHA/role/10000",
        "{\"user\":[\"" + accountId(DAVE) + "\",\"" + accountId(CAROL) + "\"]}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorMessage()).contains("Carol Requester").contains("already");
    assertThat(store.roleUserEmails("ALPHA", "Developers")).containsExactly(CAROL);
  }

  @Test
  void addingAnUnknownOrInactiveUserIs404() {
    assertThat(http.post(ADMIN, API + "/project/ALPHA/role/10000", "{\"user\":[\"000000000000000000000000\"]}").status())
        .isEqualTo(404);
    assertThat(http.post(ADMIN, API + "/project/ALPHA/role/10000", "{\"user\":[\"" + accountId("erin@example.com") + "\"]}")
        .status()).isEqualTo(404);
    assertThat(http.post(ADMIN, API + "/project/ALPHA/role/10000", "{\"group\":[\"nope\"]}").status()).isEqualTo(404);
    assertThat(store.roleUserEmails("ALPHA", "Developers")).containsExactly(CAROL);
  }

  @Test
  void addingToAnUnknownProjectOrRoleIs404() {
    String body = "{\"user\":[\"" + accountId(DAVE) + "\"]}";

    assertThat(http.post(ADMIN, API + "/project/NOPE/role/10000", body).status()).isEqualTo(404);
    assertThat(http.post(ADMIN, API + "/project/ALPHA/role/99999", body).status()).isEqualTo(404);
  }

  @Test
  void addingWithAnEmptyOrInvalidBodyIs400() {
    assertThat(http.post(ADMIN, API + "/project/ALPHA/role/10000", "{}").status()).isEqualTo(400);
    assertThat(http.post(ADMIN, API + "/project/ALPHA/role/10000", "{\"user\":[]}").status()).isEqualTo(400);
    assertThat(http.post(ADMIN, API + "/project/ALPHA/role/10000", "{\"user\":\"x\"}").status()).isEqualTo(400);
    assertThat(http.post(ADMIN, API + "/project/ALPHA/role/10000", "[").status()).isEqualTo(400);
  }

  @Test
  void removesARoleActorWith204() {
    Response response = http.delete(ADMIN, API + "/project/ALPHA/role/10000?user=" + accountId(CAROL));

    assertThat(response.status()).isEqualTo(204);
    assertThat(store.roleUserEmails("ALPHA", "Developers")).isEmpty();
  }

  @Test
  void removesAGroupActor() {
    store.addActor("10001", 10001, SandboxStore.GROUP_ACTOR, groupId("beta-developers"));

    assertThat(http.delete(ADMIN, API + "/project/BETA/role/10001?group=beta-developers").status()).isEqualTo(204);
    assertThat(store.actors("10001", 10001)).isEmpty();
  }

  @Test
  void removingANonActorIs404() {
    Response response = http.delete(ADMIN, API + "/project/ALPHA/role/10000?user=" + accountId(DAVE));

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.errorMessage()).contains("not a member");
  }

  @Test
  void removingFromAnUnknownProjectOrRoleIs404() {
    assertThat(http.delete(ADMIN, API + "/project/NOPE/role/10000?user=" + accountId(CAROL)).status()).isEqualTo(404);
    assertThat(http.delete(ADMIN, API + "/project/ALPHA/role/99999?user=" + accountId(CAROL)).status()).isEqualTo(404);
  }

  @Test
  void removingWithoutUserOrGroupIs400() {
    assertThat(http.delete(ADMIN, API + "/project/ALPHA/role/10000").status()).isEqualTo(400);
    assertThat(store.roleUserEmails("ALPHA", "Developers")).containsExactly(CAROL);
  }
}
