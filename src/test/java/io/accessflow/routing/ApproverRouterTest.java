package io.accessflow.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.accessflow.atlassian.AtlassianClient;
import io.accessflow.request.RequestType;
import io.accessflow.sandbox.SandboxStore;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** Routing against the sandbox, with the settings' map from accountId to Camunda user. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApproverRouterTest {

  private static final String MAPPED_USER = "alead";

  @Autowired
  AtlassianClient atlassian;
  @Autowired
  IdentityService identityService;
  @Autowired
  SandboxStore store;

  @BeforeEach
  void setUp() {
    store.reset();
    identityService.saveUser(identityService.newUser(MAPPED_USER));
  }

  @AfterEach
  void removeUser() {
    identityService.deleteUser(MAPPED_USER);
  }

  @Test
  void theSettingsMapWinsOverTheEmailAddress() {
    String alice = store.userByEmail("alice@example.com").orElseThrow().accountId();
    ApproverRouter router = router(Map.of(alice, MAPPED_USER));

    Routing routing = router.route(RequestType.ADD_USER_TO_PROJECT_ROLE, "ALPHA", "carol@example.com");

    assertThat(routing).isEqualTo(new Routing(MAPPED_USER, null, "Alice Lead leads project ALPHA"));
  }

  @Test
  void aMappedLeadWhoIsTheRequesterStillFallsBack() {
    String alice = store.userByEmail("alice@example.com").orElseThrow().accountId();

    Routing routing = router(Map.of(alice, MAPPED_USER)).route(RequestType.REMOVE_USER_FROM_PROJECT_ROLE, "ALPHA", MAPPED_USER);

    assertThat(routing.approverGroup()).isEqualTo("access-admins");
    assertThat(routing.reason()).endsWith("is the requester; nobody approves their own request");
  }

  @Test
  void groupAndAccountRequestsGoToTheAccessAdmins() {
    for (RequestType type : new RequestType[] {RequestType.ADD_USER_TO_GROUP, RequestType.REMOVE_USER_FROM_GROUP,
        RequestType.CREATE_USER, RequestType.CREATE_GROUP}) {
      assertThat(router(Map.of()).route(type, null, "carol@example.com"))
          .isEqualTo(new Routing(null, "access-admins", "Group and account requests are decided by the access admins"));
    }
  }

  private ApproverRouter router(Map<String, String> users) {
    RoutingProperties properties = new RoutingProperties("access-admins", users);
    return new ApproverRouter(atlassian, new CamundaIdentities(properties, identityService, atlassian), properties);
  }
}
