package io.accessflow.atlassian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accessflow.sandbox.SandboxCall;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AtlassianClientTest extends SandboxBackedTest {

  @Test
  void readsTheAccountOfTheCredentials() {
    AtlassianUser me = client.myself();

    assertThat(me.displayName()).isEqualTo("Sandbox Admin");
    assertThat(me.accountId()).matches("[0-9a-f]{24}");
  }

  @Test
  void readsGlobalPermissions() {
    assertThat(client.permissions(List.of("ADMINISTER", "USER_PICKER")))
        .containsEntry("ADMINISTER", true).containsEntry("USER_PICKER", true);
    assertThat(clientAs("carol@example.com", SANDBOX_TOKEN).permissions(List.of("ADMINISTER", "USER_PICKER")))
        .containsEntry("ADMINISTER", false).containsEntry("USER_PICKER", true);
  }

  @Test
  void findsUsersByExactEmailOnly() {
    assertThat(client.findUserByEmail("carol@example.com")).get()
        .extracting(AtlassianUser::displayName).isEqualTo("Carol Requester");
    assertThat(client.findUserByEmail("CAROL@Example.com")).isPresent();
    // Jira's search matches prefixes; a prefix is not the person
    assertThat(client.findUserByEmail("carol@example")).isEmpty();
    assertThat(client.findUserByEmail("nobody@example.com")).isEmpty();
    // user search returns active users only
    assertThat(client.findUserByEmail("erin@example.com")).isEmpty();
  }

  @Test
  void readsAUserByAccountIdAndNamesTheMissingOne() {
    String carol = accountIdOf("carol@example.com");
    assertThat(client.user(carol).emailAddress()).isEqualTo("carol@example.com");

    assertThatThrownBy(() -> client.user("5b10ac8d82e05b22cc7d4ef9"))
        .isInstanceOfSatisfying(AtlassianException.NotFound.class, e -> {
          assertThat(e.subject()).isEqualTo("user 5b10ac8d82e05b22cc7d4ef9");
          assertThat(e.status()).isEqualTo(404);
          assertThat(e.getMessage()).contains("Specified user does not exist");
        });
  }

  @Test
  void createsAUserWithExplicitProducts() {
    AtlassianUser created = client.createUser("gina@example.com", List.of("jira-software"));

    assertThat(created.accountId()).matches("[0-9a-f]{24}");
    assertThat(client.findUserByEmail("gina@example.com")).get().extracting(AtlassianUser::accountId).isEqualTo(created.accountId());
    assertThat(calls.count("POST", "/rest/api/3/user", 201)).isEqualTo(1);
  }

  @Test
  void refusesToCreateAUserWithoutAnExplicitProductList() {
    assertThatThrownBy(() -> client.createUser("gina@example.com", null)).isInstanceOf(IllegalArgumentException.class);
    assertThat(calls.calls()).isEmpty();
  }

  @Test
  void anExistingAccountWithoutProductAccessIsAlreadyExists() {
    client.createUser("hank@example.com", List.of());

    assertThatThrownBy(() -> client.createUser("hank@example.com", List.of()))
        .isInstanceOfSatisfying(AtlassianException.AlreadyExists.class,
            e -> assertThat(e.subject()).isEqualTo("user hank@example.com"));
  }

  @Test
  void keepsAtlassiansMessagesForAnInvalidUser() {
    assertThatThrownBy(() -> client.createUser("not-an-email", List.of("jira-software")))
        .isInstanceOfSatisfying(AtlassianException.BadRequest.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.atlassianMessages()).isNotEmpty();
        });
  }

  @Test
  void findsGroupsByExactName() {
    assertThat(client.findGroupByName("alpha-developers")).get().satisfies(g -> {
      assertThat(g.name()).isEqualTo("alpha-developers");
      assertThat(g.groupId()).matches("[0-9a-f-]{36}");
    });
    assertThat(client.findGroupByName("alpha")).isEmpty();
  }

  @Test
  void createsAGroupOnceAndReportsADuplicateAsAlreadyExists() {
    AtlassianGroup group = client.createGroup("gamma-developers");
    assertThat(client.findGroupByName("gamma-developers")).contains(group);

    assertThatThrownBy(() -> client.createGroup("gamma-developers"))
        .isInstanceOfSatisfying(AtlassianException.AlreadyExists.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThatThrownBy(() -> client.createGroup(""))
        .isInstanceOf(AtlassianException.BadRequest.class);
  }

  @Test
  void readsAllGroupMembersPageByPage() {
    String groupId = client.createGroup("big-group").groupId();
    for (int i = 0; i < 120; i++) {
      client.addUserToGroup(groupId, client.createUser("user" + i + "@example.com", List.of()).accountId());
    }
    calls.clear();

    List<AtlassianUser> members = client.groupMembers(groupId);

    assertThat(members).hasSize(120).extracting(AtlassianUser::accountId).doesNotHaveDuplicates();
    assertThat(calls.calls()).extracting(SandboxCall::query)
        .allMatch(q -> q.contains("groupId=" + groupId))
        .anyMatch(q -> q.contains("startAt=0")).anyMatch(q -> q.contains("startAt=50")).anyMatch(q -> q.contains("startAt=100"))
        .hasSize(3);
  }

  @Test
  void addsAndRemovesGroupMembers() {
    String groupId = groupIdOf("alpha-developers");
    String dave = accountIdOf("dave@example.com");

    client.addUserToGroup(groupId, dave);
    assertThat(client.isMember(groupId, dave)).isTrue();
    assertThat(client.groupMembers(groupId)).extracting(AtlassianUser::emailAddress).contains("dave@example.com", "carol@example.com");
    assertThat(client.userGroups(dave)).extracting(AtlassianGroup::name).contains("alpha-developers", "jira-software-users");

    client.removeUserFromGroup(groupId, dave);
    assertThat(client.isMember(groupId, dave)).isFalse();
  }

  @Test
  void membershipErrorsAreTyped() {
    String groupId = groupIdOf("alpha-developers");
    String carol = accountIdOf("carol@example.com");
    String dave = accountIdOf("dave@example.com");

    assertThatThrownBy(() -> client.addUserToGroup(groupId, carol)).isInstanceOf(AtlassianException.AlreadyExists.class);
    assertThatThrownBy(() -> client.removeUserFromGroup(groupId, dave)).isInstanceOf(AtlassianException.NotFound.class);
    assertThatThrownBy(() -> client.addUserToGroup("00000000-0000-0000-0000-000000000000", dave))
        .isInstanceOfSatisfying(AtlassianException.NotFound.class, e -> assertThat(e.subject()).contains("group 00000000-"));
    assertThatThrownBy(() -> client.addUserToGroup(groupId, "5b10ac8d82e05b22cc7d4ef9")).isInstanceOf(AtlassianException.NotFound.class);
  }

  @Test
  void readsTheProjectLeadLive() {
    JiraProject alpha = client.project("ALPHA");
    assertThat(alpha.name()).isEqualTo("Alpha");
    assertThat(alpha.lead().displayName()).isEqualTo("Alice Lead");
    assertThat(alpha.lead().isActive()).isTrue();

    assertThat(client.project("GAMMA").lead().isActive()).isFalse();
    assertThatThrownBy(() -> client.project("NOPE"))
        .isInstanceOfSatisfying(AtlassianException.NotFound.class, e -> assertThat(e.subject()).isEqualTo("project NOPE"));
  }

  @Test
  void resolvesRolesPerProject() {
    assertThat(client.projectRoles("ALPHA")).containsOnlyKeys("Administrators", "Developers", "Viewers");
    long developers = client.roleId("ALPHA", "developers");
    assertThat(developers).isEqualTo(client.projectRoles("ALPHA").get("Developers"));

    assertThatThrownBy(() -> client.roleId("ALPHA", "Testers"))
        .isInstanceOfSatisfying(AtlassianException.NotFound.class, e -> assertThat(e.subject()).isEqualTo("role 'Testers' in project ALPHA"));
  }

  @Test
  void addsAndRemovesRoleActors() {
    long developers = client.roleId("ALPHA", "Developers");
    String carol = accountIdOf("carol@example.com");
    String dave = accountIdOf("dave@example.com");
    assertThat(client.projectRole("ALPHA", developers).hasUser(carol)).isTrue();

    ProjectRole after = client.addUserToRole("ALPHA", developers, dave);
    assertThat(after.hasUser(dave)).isTrue();
    assertThatThrownBy(() -> client.addUserToRole("ALPHA", developers, dave)).isInstanceOf(AtlassianException.AlreadyExists.class);

    client.removeUserFromRole("ALPHA", developers, dave);
    assertThat(client.projectRole("ALPHA", developers).hasUser(dave)).isFalse();
    assertThatThrownBy(() -> client.removeUserFromRole("ALPHA", developers, dave)).isInstanceOf(AtlassianException.NotFound.class);
  }

  @Test
  void rateLimitCarriesTheRetryAfterDelay() {
    faults.setRetryAfter(Duration.ofSeconds(7));
    faults.setRateLimitRate(1.0);

    assertThatThrownBy(() -> client.project("ALPHA"))
        .isInstanceOfSatisfying(AtlassianException.RateLimited.class, e -> {
          assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
          assertThat(e.status()).isEqualTo(429);
          assertThat(e.isTransient()).isTrue();
        });
  }

  @Test
  void serverErrorsAreTransientAndChangeNothing() {
    String groupId = groupIdOf("alpha-developers");
    String dave = accountIdOf("dave@example.com");
    faults.setFailureRate(1.0);

    for (int i = 0; i < 10; i++) {
      assertThatThrownBy(() -> client.addUserToGroup(groupId, dave))
          .isInstanceOfSatisfying(AtlassianException.class, e -> {
            assertThat(e.isTransient()).isTrue();
            assertThat(e.status()).isIn(500, 503);
            if (e.status() == 503) {
              assertThat(e).isInstanceOf(AtlassianException.RateLimited.class);
            } else {
              assertThat(e).isInstanceOf(AtlassianException.Unavailable.class);
            }
          });
    }
    faults.reset();
    assertThat(client.isMember(groupId, dave)).isFalse();
  }

  @Test
  void wrongCredentialsAreAuthenticationFailed() {
    assertThatThrownBy(() -> clientAs("admin@example.com", "my-account-password").myself())
        .isInstanceOfSatisfying(AtlassianException.AuthenticationFailed.class, e -> {
          assertThat(e.status()).isEqualTo(401);
          assertThat(e.secretIsNotAnApiToken()).isTrue();
        });
  }

  @Test
  void missingAdminRightsAreForbidden() {
    AtlassianClient carol = clientAs("carol@example.com", SANDBOX_TOKEN);
    String groupId = groupIdOf("alpha-developers");
    String dave = accountIdOf("dave@example.com");

    assertThatThrownBy(() -> carol.addUserToGroup(groupId, dave)).isInstanceOf(AtlassianException.Forbidden.class);
    assertThatThrownBy(() -> carol.createGroup("carols-group")).isInstanceOf(AtlassianException.Forbidden.class);
    assertThat(client.isMember(groupId, dave)).isFalse();
  }

  @Test
  void aClosedPortIsUnavailable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    AtlassianClient nowhere = AtlassianClient.create(() -> "http://127.0.0.1:" + closedPort, "admin@example.com",
        SANDBOX_TOKEN, Duration.ofSeconds(2), Duration.ofSeconds(2));

    assertThatThrownBy(nowhere::myself)
        .isInstanceOfSatisfying(AtlassianException.Unavailable.class, e -> {
          assertThat(e.status()).isZero();
          assertThat(e.getCause()).isInstanceOf(ConnectException.class);
        });
  }

  @Test
  void aSlowAnswerTimesOut() {
    faults.setLatency(Duration.ofMillis(1500));

    assertThatThrownBy(() -> clientAs("admin@example.com", SANDBOX_TOKEN, Duration.ofMillis(300)).myself())
        .isInstanceOfSatisfying(AtlassianException.Unavailable.class,
            e -> assertThat(e.getCause()).isInstanceOf(HttpTimeoutException.class));
  }
}
