package io.accessflow.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.accessflow.ProcessJobs;
import io.accessflow.ProcessTest;
import io.accessflow.sandbox.SandboxStore;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The approval policy on the real engine: every rule of the default routing table, two distinct
 * approvers for privileged targets, group owners, a changed table, reminder, escalation and expiry
 * (timer jobs executed by the test).
 */
@ProcessTest
@ExtendWith(OutputCaptureExtension.class)
class ApprovalPolicyTest {

  static final String CAROL = "carol@example.com";
  static final String DAVE = "dave@example.com";
  static final String ALICE = "alice@example.com";
  static final String BOB = "bob@example.com";
  static final String FRANK = "frank@example.com";

  @Autowired
  ProcessEngine engine;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  TaskService taskService;
  @Autowired
  ManagementService managementService;
  @Autowired
  HistoryService historyService;
  @Autowired
  IdentityService identityService;
  @Autowired
  RepositoryService repositoryService;
  @Autowired
  SandboxStore store;
  @Autowired
  TestRestTemplate http;

  private String extraDeployment;

  @BeforeEach
  void setUp() {
    AbstractAssertions.init(engine);
    store.reset();
  }

  @AfterEach
  void tearDown() {
    identityService.clearAuthentication();
    runtimeService.createProcessInstanceQuery().list().forEach(pi -> runtimeService.deleteProcessInstance(pi.getId(), "test cleanup"));
    if (extraDeployment != null) {
      repositoryService.deleteDeployment(extraDeployment, true);
    }
    identityService.deleteMembership(BOB, "access-admins");
    identityService.deleteMembership(ALICE, "access-admins");
  }

  @Test
  void removingYourOwnAccessNeedsNoApproval() {
    ProcessInstance pi = request(CAROL, "REMOVE_USER_FROM_GROUP", "groupName", "alpha-developers");

    execute(job(pi));

    assertThat(pi).hasNotPassed("approve-request").isWaitingAt("remove-user-from-group");
    assertThat(variable(pi, "approvalRule")).isEqualTo("Removing your own access needs no approval");
    assertThat(variable(pi, "decidedBy")).isEqualTo("the approval rule: Removing your own access needs no approval");
    execute(job(pi));
    assertThat(pi).isEnded();
    assertThat(store.memberEmails("alpha-developers")).doesNotContain(CAROL);
  }

  @Test
  void aPrivilegedRoleNeedsTheLeadThenTheAccessAdmins() {
    ProcessInstance pi = request(CAROL, "ADD_USER_TO_PROJECT_ROLE", "userEmail", DAVE, "projectKey", "ALPHA", "roleName", "Administrators");

    Task first = routed(pi, "approve-request");
    assertThat(first.getAssignee()).isEqualTo(ALICE);
    assertThat(variable(pi, "privileged")).isEqualTo(true);
    decide(first, ALICE, true);

    Task second = routed(pi, "approve-second");
    assertThat(candidateGroups(second)).containsExactly("access-admins");
    decide(second, FRANK, true);

    execute(job(pi));
    assertThat(pi).isEnded().hasPassed("approve-request", "approve-second", "add-user-to-project-role");
    assertThat(store.roleUserEmails("ALPHA", "Administrators")).contains(DAVE);
    JsonNode timeline = http.withBasicAuth(CAROL, "demo").getForObject("/api/access-requests/" + pi.getId(), JsonNode.class).path("timeline");
    assertThat(events(timeline, "routed")).containsExactly("To alice@example.com: Alice Lead leads project ALPHA",
        "To the group access-admins: The access admins decide");
    assertThat(actors(timeline, "decided")).containsExactly(ALICE, FRANK);
  }

  @Test
  void theSamePersonCannotGiveBothApprovals() {
    identityService.createMembership(ALICE, "access-admins");
    ProcessInstance pi = request(CAROL, "ADD_USER_TO_PROJECT_ROLE", "userEmail", DAVE, "projectKey", "ALPHA", "roleName", "Administrators");
    decide(routed(pi, "approve-request"), ALICE, true);
    Task second = routed(pi, "approve-second");

    assertThatThrownBy(() -> decide(second, ALICE, true)).hasMessageContaining("gave the first approval");
    assertThat(pi).isWaitingAt("approve-second");

    decide(second, FRANK, true);
    assertThat(pi).isWaitingAt("add-user-to-project-role");
  }

  @Test
  void aPrivilegedGroupNeedsTwoDifferentAccessAdmins() {
    identityService.createMembership(BOB, "access-admins");
    ProcessInstance pi = request(CAROL, "ADD_USER_TO_GROUP", "userEmail", DAVE, "groupName", "site-admins");

    decide(routed(pi, "approve-request"), FRANK, true);
    Task second = routed(pi, "approve-second");
    assertThatThrownBy(() -> decide(second, FRANK, true)).hasMessageContaining("gave the first approval");
    decide(second, BOB, true);

    execute(job(pi));
    assertThat(pi).isEnded();
    assertThat(store.memberEmails("site-admins")).contains(DAVE);
  }

  @Test
  void aRejectionInTheSecondStepRejectsTheRequest() {
    ProcessInstance pi = request(CAROL, "ADD_USER_TO_PROJECT_ROLE", "userEmail", DAVE, "projectKey", "ALPHA", "roleName", "Administrators");
    decide(routed(pi, "approve-request"), ALICE, true);

    decide(routed(pi, "approve-second"), FRANK, false);

    assertThat(pi).isEnded().hasPassed("request-rejected").hasNotPassed("provision-access");
    assertThat(store.roleUserEmails("ALPHA", "Administrators")).doesNotContain(DAVE);
  }

  @Test
  void groupOwnersDecideTheirGroup() {
    ProcessInstance pi = request(CAROL, "ADD_USER_TO_GROUP", "userEmail", DAVE, "groupName", "beta-developers");

    Task task = routed(pi, "approve-request");

    assertThat(task.getAssignee()).isEqualTo(BOB);
    assertThat(variable(pi, "routingReason")).isEqualTo("the owners of beta-developers decide: bob@example.com");
  }

  @Test
  void anEditedRoutingTableChangesRoutingWithoutJavaChanges() throws Exception {
    String table = new String(getClass().getResourceAsStream("/processes/approval-routing.dmn").readAllBytes(), StandardCharsets.UTF_8);
    // the process owner's edit: new groups need no approval
    String edited = table.replace("<text>\"CREATE_USER\",\"CREATE_GROUP\"</text>", "<text>\"CREATE_USER\"</text>")
        .replace("<rule id=\"rule-self-removal\">", """
            <rule id="rule-new-groups">
              <inputEntry id="rule-new-groups-type"><text>"CREATE_GROUP"</text></inputEntry>
              <inputEntry id="rule-new-groups-self"><text></text></inputEntry>
              <inputEntry id="rule-new-groups-privileged"><text></text></inputEntry>
              <inputEntry id="rule-new-groups-group"><text></text></inputEntry>
              <inputEntry id="rule-new-groups-project"><text></text></inputEntry>
              <inputEntry id="rule-new-groups-role"><text></text></inputEntry>
              <outputEntry id="rule-new-groups-first"><text>"NONE"</text></outputEntry>
              <outputEntry id="rule-new-groups-second"><text>"NONE"</text></outputEntry>
              <outputEntry id="rule-new-groups-rule"><text>"New groups need no approval"</text></outputEntry>
            </rule>
            <rule id="rule-self-removal">""");
    assertThat(edited).isNotEqualTo(table);
    extraDeployment = repositoryService.createDeployment().name("edited routing")
        .addString("approval-routing.dmn", edited).deploy().getId();

    ProcessInstance pi = request(CAROL, "CREATE_GROUP", "groupName", "zeta-developers");
    execute(job(pi));

    assertThat(pi).hasNotPassed("approve-request").isWaitingAt("create-group");
    assertThat(variable(pi, "approvalRule")).isEqualTo("New groups need no approval");
  }

  @Test
  void theApproverIsRemindedWithoutMovingTheTask(CapturedOutput output) {
    ProcessInstance pi = request(CAROL, "ADD_USER_TO_PROJECT_ROLE", "userEmail", DAVE, "projectKey", "ALPHA", "roleName", "Developers");
    Task task = routed(pi, "approve-request");

    for (int reminder = 0; reminder < 2; reminder++) {
      execute(timer(pi, "reminder-timer"));
      execute(job(pi)); // "Remind approver" runs behind its own async boundary
    }

    assertThat(variable(pi, "reminders")).isEqualTo(2);
    assertThat(taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult().getId()).isEqualTo(task.getId());
    assertThat(timer(pi, "reminder-timer")).as("the reminder repeats").isNotNull();
    assertThat(output.getAll()).contains("Notification APPROVAL_ASSIGNED to alice@example.com for request " + pi.getId())
        .contains("Notification APPROVAL_REMINDER to alice@example.com for request " + pi.getId());
  }

  @Test
  void anUndecidedApprovalEscalatesAlongTheChain(CapturedOutput output) {
    store.addActor("10000", 10002, SandboxStore.USER_ACTOR, store.userByEmail(BOB).orElseThrow().accountId());
    ProcessInstance pi = request(CAROL, "ADD_USER_TO_PROJECT_ROLE", "userEmail", DAVE, "projectKey", "ALPHA", "roleName", "Developers");
    assertThat(routed(pi, "approve-request").getAssignee()).isEqualTo(ALICE);

    execute(timer(pi, "escalation-timer"));
    execute(job(pi));

    Task escalated = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    assertThat(escalated.getAssignee()).isNull();
    assertThat(candidateUsers(escalated)).containsExactlyInAnyOrder(ALICE, BOB);
    assertThat(variable(pi, "routingReason")).isEqualTo("Escalated after P3D without a decision: the Administrators of project ALPHA decide: Alice Lead, Bob Lead");
    assertThat(variable(pi, "escalations")).isEqualTo(1);
    assertThat(output.getAll()).contains("Notification APPROVAL_ESCALATED to bob@example.com for request " + pi.getId());

    execute(timer(pi, "escalation-timer"));
    execute(job(pi));

    assertThat(candidateGroups(taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult())).containsExactly("access-admins");
    assertThat(variable(pi, "routingReason")).isEqualTo("Escalated after P3D without a decision: the access admins decide");
    JsonNode timeline = http.withBasicAuth(CAROL, "demo").getForObject("/api/access-requests/" + pi.getId(), JsonNode.class).path("timeline");
    assertThat(events(timeline, "routed")).containsExactly("To alice@example.com: Alice Lead leads project ALPHA");
    assertThat(events(timeline, "escalated")).containsExactly(
        "To alice@example.com,bob@example.com: Escalated after P3D without a decision: the Administrators of project ALPHA decide: Alice Lead, Bob Lead",
        "To the group access-admins: Escalated after P3D without a decision: the access admins decide");
  }

  @Test
  void aRequestNobodyDecidesExpires(CapturedOutput output) {
    ProcessInstance pi = request(CAROL, "CREATE_GROUP", "groupName", "eta-developers");
    routed(pi, "approve-request");

    execute(timer(pi, "expiry-timer"));

    assertThat(pi).isEnded().hasPassed("request-expired").hasNotPassed("provision-access");
    assertThat(historic(pi, "outcome")).isEqualTo("EXPIRED");
    assertThat(historic(pi, "outcomeMessage")).isEqualTo("Expired: nobody decided within P7D.");
    assertThat(store.groupByName("eta-developers")).isEmpty();
    assertThat(output.getAll()).contains("Notification REQUEST_EXPIRED to carol@example.com for request " + pi.getId());
  }

  // --- helpers -------------------------------------------------------------------------------

  private ProcessInstance request(String requester, String type, String... keyValues) {
    Map<String, Object> variables = new HashMap<>(Map.of("requestType", type, "reason", "policy test"));
    for (int i = 0; i < keyValues.length; i += 2) {
      variables.put(keyValues[i], keyValues[i + 1]);
    }
    identityService.setAuthentication(requester, List.of());
    try {
      return runtimeService.startProcessInstanceByKey("access-request", variables);
    } finally {
      identityService.clearAuthentication();
    }
  }

  /** Runs the async steps until the instance waits at the given approval task. */
  private Task routed(ProcessInstance pi, String taskKey) {
    for (int i = 0; i < 5 && taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(taskKey).count() == 0; i++) {
      execute(job(pi));
    }
    return taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(taskKey).singleResult();
  }

  private void decide(Task task, String approver, boolean approved) {
    List<String> groups = identityService.createGroupQuery().groupMember(approver).list().stream().map(g -> g.getId()).toList();
    identityService.setAuthentication(approver, groups);
    try {
      taskService.complete(task.getId(), Map.of("approved", approved, "decisionComment", "policy test"));
    } finally {
      identityService.clearAuthentication();
    }
  }

  private static List<String> events(JsonNode timeline, String event) {
    List<String> details = new java.util.ArrayList<>();
    timeline.forEach(e -> {
      if (event.equals(e.path("event").asText())) {
        details.add(e.path("detail").asText());
      }
    });
    return details;
  }

  private static List<String> actors(JsonNode timeline, String event) {
    List<String> actors = new java.util.ArrayList<>();
    timeline.forEach(e -> {
      if (event.equals(e.path("event").asText())) {
        actors.add(e.path("actor").asText());
      }
    });
    return actors;
  }

  private Job job(ProcessInstance pi) {
    return ProcessJobs.asyncJob(managementService, pi.getId());
  }

  private Job timer(ProcessInstance pi, String activityId) {
    return ProcessJobs.timer(managementService, pi.getId(), activityId);
  }

  private void execute(Job job) {
    assertThat(job).isNotNull();
    managementService.executeJob(job.getId());
  }

  private Object variable(ProcessInstance pi, String name) {
    return runtimeService.getVariable(pi.getId(), name);
  }

  private Object historic(ProcessInstance pi, String name) {
    var variable = historyService.createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).variableName(name).singleResult();
    return variable == null ? null : variable.getValue();
  }

  private List<String> candidateGroups(Task task) {
    return taskService.getIdentityLinksForTask(task.getId()).stream()
        .filter(l -> "candidate".equals(l.getType()) && l.getGroupId() != null).map(IdentityLink::getGroupId).toList();
  }

  private List<String> candidateUsers(Task task) {
    return taskService.getIdentityLinksForTask(task.getId()).stream()
        .filter(l -> "candidate".equals(l.getType()) && l.getUserId() != null).map(IdentityLink::getUserId).toList();
  }
}
