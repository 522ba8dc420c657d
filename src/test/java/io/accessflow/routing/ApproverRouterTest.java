package io.accessflow.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.accessflow.atlassian.AtlassianClient;
import io.accessflow.sandbox.SandboxStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The approver chains against the sandbox, with every reason a link is skipped. */
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
  void theProjectLeadDecidesFirst() {
    assertThat(router(Map.of(), Map.of()).route(ApproverKind.PROJECT_LEAD, forProject("ALPHA", "carol@example.com", "dave@example.com"), 0))
        .isEqualTo(new Routing("alice@example.com", null, null, "Alice Lead leads project ALPHA", 0));
  }

  @Test
  void theSettingsMapWinsOverTheEmailAddress() {
    String alice = store.userByEmail("alice@example.com").orElseThrow().accountId();

    Routing routing = router(Map.of(alice, MAPPED_USER), Map.of())
        .route(ApproverKind.PROJECT_LEAD, forProject("ALPHA", "carol@example.com", "dave@example.com"), 0);

    assertThat(routing.approver()).isEqualTo(MAPPED_USER);
  }

  @Test
  void aLeadWhoCannotDecideFallsToTheProjectAdministrators() {
    // alice leads ALPHA and is its only Administrator; bob joins the role
    String bob = store.userByEmail("bob@example.com").orElseThrow().accountId();
    store.addActor("10000", 10002, SandboxStore.USER_ACTOR, bob);

    Routing routing = router(Map.of(), Map.of()).route(ApproverKind.PROJECT_LEAD, forProject("ALPHA", "alice@example.com", "dave@example.com"), 0);

    assertThat(routing.approver()).isEqualTo("bob@example.com");
    assertThat(routing.level()).isEqualTo(1);
    assertThat(routing.reason()).isEqualTo("Alice Lead, the lead of project ALPHA, is the requester; nobody approves their own request;"
        + " the Administrators of project ALPHA decide: Bob Lead");
  }

  @Test
  void whenNobodyInTheChainCanDecideTheAccessAdminsDo() {
    Routing routing = router(Map.of(), Map.of()).route(ApproverKind.PROJECT_LEAD, forProject("GAMMA", "carol@example.com", "dave@example.com"), 0);

    assertThat(routing.approverGroup()).isEqualTo("access-admins");
    assertThat(routing.reason()).isEqualTo("Erin Inactive, the lead of project GAMMA, is deactivated in Atlassian;"
        + " nobody is in the Administrators role of project GAMMA; the access admins decide");
  }

  @Test
  void thePersonTheRequestIsForIsSkipped() {
    Routing routing = router(Map.of(), Map.of()).route(ApproverKind.PROJECT_LEAD, forProject("ALPHA", "carol@example.com", "alice@example.com"), 0);

    assertThat(routing.approverGroup()).isEqualTo("access-admins");
    assertThat(routing.reason()).startsWith("Alice Lead, the lead of project ALPHA, is the person the request is for;");
  }

  @Test
  void escalationStartsFurtherDownTheChain() {
    Routing routing = router(Map.of(), Map.of()).route(ApproverKind.PROJECT_LEAD, forProject("ALPHA", "carol@example.com", "dave@example.com"), 1);

    assertThat(routing.approver()).isEqualTo("alice@example.com");
    assertThat(routing.level()).isEqualTo(1);
    assertThat(routing.reason()).isEqualTo("the Administrators of project ALPHA decide: Alice Lead");
    assertThat(router(Map.of(), Map.of()).route(ApproverKind.PROJECT_LEAD, forProject("ALPHA", "carol@example.com", "dave@example.com"), 2)
        .approverGroup()).isEqualTo("access-admins");
  }

  @Test
  void groupOwnersDecideTheirGroupElseTheAccessAdmins() {
    Map<String, List<String>> owners = Map.of("alpha-developers", List.of("alice@example.com", "bob@example.com"));
    ApproverRouter.Request request = new ApproverRouter.Request(null, "alpha-developers", "carol@example.com", "dave@example.com", null, null);

    assertThat(router(Map.of(), owners).route(ApproverKind.GROUP_OWNERS, request, 0))
        .isEqualTo(new Routing(null, List.of("alice@example.com", "bob@example.com"), null, "the owners of alpha-developers decide: alice@example.com, bob@example.com", 0));
    assertThat(router(Map.of(), Map.of()).route(ApproverKind.GROUP_OWNERS, request, 0))
        .isEqualTo(new Routing(null, null, "access-admins", "alpha-developers has no owners in accessflow.approval.group-owners; the access admins decide", 1));
  }

  @Test
  void theFirstApproverCannotGiveTheSecondApproval() {
    ApproverRouter.Request request = new ApproverRouter.Request(null, "site-admins", "carol@example.com", "dave@example.com", null, "alice@example.com");

    Routing routing = router(Map.of(), Map.of("site-admins", List.of("alice@example.com"))).route(ApproverKind.GROUP_OWNERS, request, 0);

    assertThat(routing.approverGroup()).isEqualTo("access-admins");
    assertThat(routing.reason()).contains("owner alice@example.com gave the first approval");
  }

  private static ApproverRouter.Request forProject(String project, String requester, String subject) {
    return new ApproverRouter.Request(project, null, requester, subject, null, null);
  }

  private ApproverRouter router(Map<String, String> users, Map<String, List<String>> owners) {
    RoutingProperties properties = new RoutingProperties("access-admins", users);
    ApprovalPolicy policy = new ApprovalPolicy(Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(7),
        List.of("site-admins"), List.of("Administrators"), owners);
    return new ApproverRouter(atlassian, new CamundaIdentities(properties, identityService, atlassian), properties, policy);
  }
}
