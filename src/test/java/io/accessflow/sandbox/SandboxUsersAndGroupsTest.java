package io.accessflow.sandbox;

import static io.accessflow.sandbox.SandboxHttp.ADMIN;
import static io.accessflow.sandbox.SandboxHttp.ALICE;
import static io.accessflow.sandbox.SandboxHttp.API;
import static io.accessflow.sandbox.SandboxHttp.CAROL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.accessflow.sandbox.SandboxHttp.Response;
import io.accessflow.sandbox.SandboxStore.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SandboxUsersAndGroupsTest extends SandboxTestBase {

  private static final String NO_SUCH_USER = "Specified user does not exist or you do not have required permissions";

  @Test
  void seedsTheDemoUsersAndGroups() {
    assertThat(store.users()).extracting(User::email).containsExactlyInAnyOrder(ADMIN, ALICE, "bob@example.com",
        CAROL, "dave@example.com", "erin@example.com", "frank@example.com");
    assertThat(store.users()).allSatisfy(u -> assertThat(u.accountId()).matches("[0-9a-f]{24}"));
    assertThat(store.userByEmail("erin@example.com").orElseThrow().active()).isFalse();
    assertThat(store.userByEmail(ALICE).orElseThrow().displayName()).isEqualTo("Alice Lead");
    assertThat(store.memberEmails("jira-software-users"))
        .containsExactly(ALICE, "bob@example.com", CAROL, "dave@example.com", "frank@example.com");
    assertThat(store.memberEmails("alpha-developers")).containsExactly(CAROL);
    assertThat(store.memberEmails("beta-developers")).containsExactly("bob@example.com");
    assertThat(store.memberEmails("site-admins")).containsExactly(ADMIN, "frank@example.com");
    assertThat(store.groups()).allSatisfy(g -> assertThat(g.groupId()).matches("[0-9a-f-]{36}"));
  }

  @Test
  void resetRestoresTheSeedWithStableAccountIds() {
    String alice = accountId(ALICE);
    store.createGroup("temporary");
    store.removeMember(groupId("alpha-developers"), accountId(CAROL));

    store.reset();

    assertThat(accountId(ALICE)).isEqualTo(alice);
    assertThat(store.groupByName("temporary")).isEmpty();
    assertThat(store.memberEmails("alpha-developers")).containsExactly(CAROL);
  }

  // ---- user search and lookup

  @Test
  void userSearchFindsByEmailPrefix() {
    JsonNode found = http.get(ADMIN, API + "/user/search?query=carol@exa").json();

    assertThat(found.isArray()).isTrue();
    assertThat(found.findValuesAsText("emailAddress")).containsExactly(CAROL);
    assertThat(found.get(0).get("accountId").asText()).isEqualTo(accountId(CAROL));
    assertThat(found.get(0).get("accountType").asText()).isEqualTo("atlassian");
  }

  @Test
  void userSearchMatchesTheStartOfEachWordOfTheDisplayNameCaseInsensitively() {
    assertThat(http.get(ADMIN, API + "/user/search?query=LEAD").json().findValuesAsText("displayName"))
        .containsExactly("Alice Lead", "Bob Lead");
    assertThat(http.get(ADMIN, API + "/user/search?query=ead").json()).isEmpty();
  }

  @Test
  void userSearchLeavesOutInactiveUsers() {
    assertThat(http.get(ADMIN, API + "/user/search?query=erin").json()).isEmpty();
  }

  @Test
  void userSearchFindsByAccountId() {
    assertThat(http.get(ADMIN, API + "/user/search?accountId=" + accountId(ALICE)).json().findValuesAsText("emailAddress"))
        .containsExactly(ALICE);
  }

  @Test
  void userSearchPagesWithStartAtAndMaxResults() {
    for (int i = 5; i >= 1; i--) {
      store.createUser("pager" + i + "@example.com", "Pager " + i, Set.of("jira-software"));
    }

    List<String> all = http.get(ADMIN, API + "/user/search?query=pager").json().findValuesAsText("displayName");
    List<String> paged = new ArrayList<>();
    paged.addAll(http.get(ADMIN, API + "/user/search?query=pager&startAt=0&maxResults=3").json().findValuesAsText("displayName"));
    paged.addAll(http.get(ADMIN, API + "/user/search?query=pager&startAt=3&maxResults=3").json().findValuesAsText("displayName"));

    assertThat(all).containsExactly("Pager 1", "Pager 2", "Pager 3", "Pager 4", "Pager 5");
    assertThat(paged).isEqualTo(all);
    assertThat(http.get(ADMIN, API + "/user/search?query=pager&startAt=5").json()).isEmpty();
  }

  @Test
  void userSearchNeedsExactlyOneOfQueryAndAccountId() {
    assertThat(http.get(ADMIN, API + "/user/search").status()).isEqualTo(400);
    assertThat(http.get(ADMIN, API + "/user/search?query=a&accountId=" + accountId(ALICE)).status()).isEqualTo(400);
  }

  @Test
  void getsAUserByAccountId() {
    Response response = http.get(ADMIN, API + "/user?accountId=" + accountId("erin@example.com"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().get("displayName").asText()).isEqualTo("Erin Inactive");
    assertThat(response.json().get("active").asBoolean()).isFalse();
  }

  @Test
  void unknownOrMissingAccountIdIs404() {
    Response unknown = http.get(ADMIN, API + "/user?accountId=000000000000000000000000");

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.errorMessage()).isEqualTo(NO_SUCH_USER);
    assertThat(http.get(ADMIN, API + "/user").status()).isEqualTo(404);
  }

  // ---- create user

  @Test
  void createsAUserWithProductAccess() {
    Response response = http.post(ADMIN, API + "/user", "{\"emailAddress\":\"mia@example.com\",\"products\":[\"jira-software\"]}");

    assertThat(response.status()).isEqualTo(201);
    assertThat(response.json().get("emailAddress").asText()).isEqualTo("mia@example.com");
    assertThat(response.json().get("displayName").asText()).isEqualTo("mia");
    assertThat(response.json().get("active").asBoolean()).isTrue();
    User created = store.userByEmail("mia@example.com").orElseThrow();
    assertThat(created.accountId()).matches("[0-9a-f]{24}").isEqualTo(response.json().get("accountId").asText());
    assertThat(created.products()).containsExactly("jira-software");
  }

  @Test
  void creatingAnExistingUserWithProductAccessAnswersThatUser() {
    Response response = http.post(ADMIN, API + "/user", "{\"emailAddress\":\"Carol@example.com\",\"products\":[\"jira-software\"]}");

    assertThat(response.status()).isEqualTo(201);
    assertThat(response.json().get("accountId").asText()).isEqualTo(accountId(CAROL));
    assertThat(store.users()).hasSize(7);
  }

  @Test
  void creatingAnExistingUserWithoutProductAccessIs400() {
    assertThat(http.post(ADMIN, API + "/user", "{\"emailAddress\":\"noaccess@example.com\",\"products\":[]}").status())
        .isEqualTo(201);

    Response again = http.post(ADMIN, API + "/user", "{\"emailAddress\":\"noaccess@example.com\",\"products\":[\"jira-software\"]}");

    assertThat(again.status()).isEqualTo(400);
    assertThat(again.errorMessage()).contains("already exists but does not have access to Jira");
  }

  @Test
  void creatingAUserNeedsAValidEmailAndProducts() {
    Response noProducts = http.post(ADMIN, API + "/user", "{\"emailAddress\":\"x@example.com\"}");
    Response badEmail = http.post(ADMIN, API + "/user", "{\"emailAddress\":\"not-an-email\",\"products\":[\"jira-software\"]}");
    Response badProduct = http.post(ADMIN, API + "/user", "{\"emailAddress\":\"x@example.com\",\"products\":[\"confluence\"]}");
    Response noEmail = http.post(ADMIN, API + "/user", "{\"products\":[\"jira-software\"]}");

    assertThat(noProducts.status()).isEqualTo(400);
    assertThat(noProducts.errorMessage()).isEqualTo("You must specify the products that user can access.");
    assertThat(badEmail.status()).isEqualTo(400);
    assertThat(badProduct.status()).isEqualTo(400);
    assertThat(noEmail.status()).isEqualTo(400);
    assertThat(store.userByEmail("x@example.com")).isEmpty();
  }

  // ---- groups

  @Test
  void findsGroupsByExactNameCaseInsensitively() {
    Response response = http.get(ADMIN, API + "/group/bulk?groupName=ALPHA-developers&groupName=beta-developers");

    assertThat(response.status()).isEqualTo(200);
    JsonNode page = response.json();
    assertThat(page.get("isLast").asBoolean()).isTrue();
    assertThat(page.get("startAt").asInt()).isZero();
    assertThat(page.get("maxResults").asInt()).isEqualTo(50);
    assertThat(page.get("total").asInt()).isEqualTo(2);
    assertThat(page.get("values").findValuesAsText("name")).containsExactly("alpha-developers", "beta-developers");
    assertThat(page.get("values").get(0).get("groupId").asText()).isEqualTo(groupId("alpha-developers"));
    assertThat(http.get(ADMIN, API + "/group/bulk?groupName=alpha").json().get("values")).isEmpty();
  }

  @Test
  void findsGroupsById() {
    JsonNode page = http.get(ADMIN, API + "/group/bulk?groupId=" + groupId("site-admins")).json();

    assertThat(page.get("values").findValuesAsText("name")).containsExactly("site-admins");
  }

  @Test
  void unknownGroupNameGivesAnEmptyPageNot404() {
    Response response = http.get(ADMIN, API + "/group/bulk?groupName=nope");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().get("total").asInt()).isZero();
    assertThat(response.json().get("values")).isEmpty();
  }

  @Test
  void listsAllGroupsPagedWithoutFilters() {
    JsonNode first = http.get(ADMIN, API + "/group/bulk?maxResults=3").json();
    JsonNode second = http.get(ADMIN, API + "/group/bulk?startAt=3&maxResults=3").json();

    assertThat(first.get("isLast").asBoolean()).isFalse();
    assertThat(first.get("total").asInt()).isEqualTo(4);
    assertThat(first.get("values").findValuesAsText("name"))
        .containsExactly("alpha-developers", "beta-developers", "jira-software-users");
    assertThat(second.get("isLast").asBoolean()).isTrue();
    assertThat(second.get("values").findValuesAsText("name")).containsExactly("site-admins");
  }

  @Test
  void createsAGroup() {
    Response response = http.post(ADMIN, API + "/group", "{\"name\":\"gamma-developers\"}");

    assertThat(response.status()).isEqualTo(201);
    JsonNode group = response.json();
    String groupId = groupId("gamma-developers");
    assertThat(group.get("name").asText()).isEqualTo("gamma-developers");
    assertThat(group.get("groupId").asText()).isEqualTo(groupId);
    assertThat(group.get("self").asText()).isEqualTo(http.base() + API + "/group?groupId=" + groupId);
    assertThat(group.get("expand").asText()).isEqualTo("users");
    JsonNode users = group.get("users");
    assertThat(users.get("size").asInt()).isZero();
    assertThat(users.get("items")).isEmpty();
    assertThat(users.get("max-results").asInt()).isEqualTo(50);
    assertThat(users.get("start-index").asInt()).isZero();
    assertThat(users.get("end-index").asInt()).isZero();
  }

  @Test
  void creatingAGroupWhoseNameIsInUseIs400() {
    Response response = http.post(ADMIN, API + "/group", "{\"name\":\"Alpha-Developers\"}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorMessage()).isEqualTo("A group with this name already exists.");
    assertThat(store.groups()).hasSize(4);
  }

  @Test
  void creatingAGroupWithoutANameIs400() {
    assertThat(http.post(ADMIN, API + "/group", "{}").status()).isEqualTo(400);
    assertThat(http.post(ADMIN, API + "/group", "not json").status()).isEqualTo(400);
  }

  @Test
  void listsActiveGroupMembersAsUserDetails() {
    Response response = http.get(ADMIN, API + "/group/member?groupId=" + groupId("jira-software-users"));

    assertThat(response.status()).isEqualTo(200);
    JsonNode page = response.json();
    assertThat(page.get("total").asInt()).isEqualTo(5);
    assertThat(page.get("isLast").asBoolean()).isTrue();
    assertThat(page.get("values").findValuesAsText("displayName"))
        .containsExactly("Alice Lead", "Bob Lead", "Carol Requester", "Dave Newcomer", "Frank Admin");
    JsonNode alice = page.get("values").get(0);
    assertThat(alice.get("accountId").asText()).isEqualTo(accountId(ALICE));
    assertThat(alice.get("emailAddress").asText()).isEqualTo(ALICE);
    assertThat(alice.get("self").asText()).isEqualTo(http.base() + API + "/user?accountId=" + accountId(ALICE));
    assertThat(alice.get("accountType").asText()).isEqualTo("atlassian");
    assertThat(alice.get("timeZone").asText()).isNotBlank();
    assertThat(alice.get("avatarUrls").get("48x48").asText()).isNotBlank();
  }

  @Test
  void listsInactiveMembersOnlyOnRequest() {
    String groupId = groupId("alpha-developers");
    store.addMember(groupId, accountId("erin@example.com"));

    JsonNode active = http.get(ADMIN, API + "/group/member?groupId=" + groupId).json();
    JsonNode all = http.get(ADMIN, API + "/group/member?groupname=alpha-developers&includeInactiveUsers=true").json();

    assertThat(active.get("values").findValuesAsText("displayName")).containsExactly("Carol Requester");
    assertThat(all.get("values").findValuesAsText("displayName")).containsExactly("Carol Requester", "Erin Inactive");
  }

  @Test
  void capsGroupMemberPagesAt50AndPagesWithStartAt() {
    String groupId = store.createGroup("crowd").groupId();
    for (int i = 0; i < 60; i++) {
      store.addMember(groupId, store.createUser(String.format("user%02d@example.com", i), String.format("User %02d", i),
          Set.of("jira-software")).accountId());
    }

    JsonNode first = http.get(ADMIN, API + "/group/member?groupId=" + groupId + "&maxResults=100").json();
    JsonNode second = http.get(ADMIN, API + "/group/member?groupId=" + groupId + "&startAt=50&maxResults=100").json();

    assertThat(first.get("maxResults").asInt()).isEqualTo(50);
    assertThat(first.get("values")).hasSize(50);
    assertThat(first.get("total").asInt()).isEqualTo(60);
    assertThat(first.get("isLast").asBoolean()).isFalse();
    assertThat(first.get("nextPage").asText()).contains("startAt=50");
    assertThat(first.get("values").get(0).get("displayName").asText()).isEqualTo("User 00");
    assertThat(second.get("startAt").asInt()).isEqualTo(50);
    assertThat(second.get("values")).hasSize(10);
    assertThat(second.get("values").get(0).get("displayName").asText()).isEqualTo("User 50");
    assertThat(second.get("isLast").asBoolean()).isTrue();
    assertThat(second.has("nextPage")).isFalse();
  }

  @Test
  void membersOfAnUnknownGroupIs404() {
    assertThat(http.get(ADMIN, API + "/group/member?groupId=00000000-0000-0000-0000-000000000000").status()).isEqualTo(404);
    assertThat(http.get(ADMIN, API + "/group/member?groupname=nope").status()).isEqualTo(404);
  }

  @Test
  void listsTheGroupsOfAUser() {
    Response response = http.get(ADMIN, API + "/user/groups?accountId=" + accountId(CAROL));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().findValuesAsText("name")).containsExactly("alpha-developers", "jira-software-users");
    assertThat(response.json().get(0).get("groupId").asText()).isEqualTo(groupId("alpha-developers"));
    assertThat(response.json().get(0).get("self").asText()).endsWith("/group?groupId=" + groupId("alpha-developers"));
    assertThat(http.get(ADMIN, API + "/user/groups?accountId=000000000000000000000000").status()).isEqualTo(404);
  }

  // ---- membership changes

  @Test
  void addsAMemberToAGroup() {
    String groupId = groupId("alpha-developers");

    Response response = http.post(ADMIN, API + "/group/user?groupId=" + groupId, "{\"accountId\":\"" + accountId("dave@example.com") + "\"}");

    assertThat(response.status()).isEqualTo(201);
    assertThat(response.json().get("name").asText()).isEqualTo("alpha-developers");
    assertThat(response.json().get("groupId").asText()).isEqualTo(groupId);
    assertThat(response.json().get("users").get("size").asInt()).isEqualTo(2);
    assertThat(store.memberEmails("alpha-developers")).containsExactly(CAROL, "dave@example.com");
  }

  @Test
  void addsAMemberByGroupName() {
    Response response = http.post(ADMIN, API + "/group/user?groupname=beta-developers", "{\"accountId\":\"" + accountId(CAROL) + "\"}");

    assertThat(response.status()).isEqualTo(201);
    assertThat(store.memberEmails("beta-developers")).containsExactly("bob@example.com", CAROL);
  }

  @Test
  void addingAnExistingMemberIs400() {
    Response response = http.post(ADMIN, API + "/group/user?groupId=" + groupId("alpha-developers"),
        "{\"accountId\":\"" + accountId(CAROL) + "\"}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorMessage()).isEqualTo("Cannot add user. User is already a member of 'alpha-developers'.");
  }

  @Test
  void addingAMemberNeedsAnAccountIdAndOneGroupParameter() {
    String groupId = groupId("alpha-developers");
    String body = "{\"accountId\":\"" + accountId("dave@example.com") + "\"}";

    assertThat(http.post(ADMIN, API + "/group/user?groupId=" + groupId, "{}").status()).isEqualTo(400);
    assertThat(http.post(ADMIN, API + "/group/user", body).status()).isEqualTo(400);
    assertThat(http.post(ADMIN, API + "/group/user?groupId=" + groupId + "&groupname=alpha-developers", body).status())
        .isEqualTo(400);
    assertThat(store.memberEmails("alpha-developers")).containsExactly(CAROL);
  }

  @Test
  void addingToAnUnknownGroupOrAnUnknownUserIs404() {
    Response unknownUser = http.post(ADMIN, API + "/group/user?groupId=" + groupId("alpha-developers"),
        "{\"accountId\":\"000000000000000000000000\"}");
    Response unknownGroup = http.post(ADMIN, API + "/group/user?groupname=nope",
        "{\"accountId\":\"" + accountId(CAROL) + "\"}");

    assertThat(unknownUser.status()).isEqualTo(404);
    assertThat(unknownUser.errorMessage()).isEqualTo(NO_SUCH_USER);
    assertThat(unknownGroup.status()).isEqualTo(404);
  }

  @Test
  void removesAMemberWithAnEmpty200() {
    Response response = http.delete(ADMIN, API + "/group/user?groupId=" + groupId("alpha-developers") + "&accountId=" + accountId(CAROL));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
    assertThat(store.memberEmails("alpha-developers")).isEmpty();
  }

  @Test
  void removingANonMemberIs404() {
    Response response = http.delete(ADMIN, API + "/group/user?groupId=" + groupId("alpha-developers") + "&accountId=" + accountId(ALICE));

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.errorMessage()).contains("not a member");
  }

  @Test
  void removingFromAnUnknownGroupOrAnUnknownUserIs404() {
    assertThat(http.delete(ADMIN, API + "/group/user?groupname=nope&accountId=" + accountId(CAROL)).status()).isEqualTo(404);
    assertThat(http.delete(ADMIN, API + "/group/user?groupId=" + groupId("alpha-developers")
        + "&accountId=000000000000000000000000").status()).isEqualTo(404);
    assertThat(http.delete(ADMIN, API + "/group/user?groupId=" + groupId("alpha-developers")).status()).isEqualTo(400);
  }
}
