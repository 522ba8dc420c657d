package io.accessflow.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import io.accessflow.ProcessJobs;
import io.accessflow.ProcessTest;
import io.accessflow.sandbox.SandboxCallLog;
import io.accessflow.sandbox.SandboxFaults;
import io.accessflow.sandbox.SandboxStore;
import java.time.Duration;
import java.time.Instant;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The access-request process on the real engine (job executor off: the test drives the jobs)
 * against the sandbox over real HTTP, path by path.
 */
@ProcessTest
class AccessRequestProcessTest {

  static final String CAROL = "carol@example.com";
  static final String ALICE = "alice@example.com";
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
  SandboxStore store;
  @Autowired
  SandboxFaults faults;
  @Autowired
  SandboxCallLog calls;
  @Autowired
  DataSource dataSource;

  @BeforeEach
  void setUp() {
    AbstractAssertions.init(engine);
    store.reset();
    faults.reset();
    calls.clear();
  }

  @AfterEach
  void tearDown() {
    faults.reset();
    identityService.clearAuthentication();
    runtimeService.createProcessInstanceQuery().list()
        .forEach(pi -> runtimeService.deleteProcessInstance(pi.getId(), "test cleanup"));
  }

  // --- the six actions, approved ---------------------------------------------------------------

  @Test
  void addsAUserToAGroupWhenTheAccessAdminsApprove() {
    ProcessInstance pi = request(CAROL, "ADD_USER_TO_GROUP", "userEmail", "dave@example.com", "groupName", "alpha-developers");

    Task task = validateAndRoute(pi);
    assertThat(candidateGroups(task)).containsExactly("access-admins");
    assertThat(task.getAssignee()).isNull();
    assertThat(pi).variables()
        .containsEntry("requestSummary", "carol@example.com asks to add Dave Newcomer (dave@example.com) to group alpha-developers")
        .containsEntry("currentState", "Dave Newcomer is not in alpha-developers")
        .containsEntry("routingReason", "alpha-developers has no owners in accessflow.approval.group-owners; the access admins decide");

    approveAndProvision(pi, FRANK, "add-user-to-group");

    assertOutcome(pi, "PROVISIONED", "Done: Dave Newcomer is in alpha-developers.");
    assertThat(store.memberEmails("alpha-developers")).contains("dave@example.com");
    assertThat(calls.count("POST", "/rest/api/3/group/user", 201)).isEqualTo(1);
  }

  @Test
  void removesAUserFromAGroup() {
    ProcessInstance pi = request(CAROL, "REMOVE_USER_FROM_GROUP", "groupName", "alpha-developers", "userEmail", "dave@example.com");
    store.addMember(store.groupByName("alpha-developers").orElseThrow().groupId(), store.userByEmail("dave@example.com").orElseThrow().accountId());

    validateAndRoute(pi);
    approveAndProvision(pi, FRANK, "remove-user-from-group");

    assertOutcome(pi, "PROVISIONED", "Done: Dave Newcomer is not in alpha-developers.");
    assertThat(store.memberEmails("alpha-developers")).doesNotContain("dave@example.com");
    assertThat(calls.count("DELETE", "/rest/api/3/group/user", 200)).isEqualTo(1);
  }

  @Test
  void addsAUserToAProjectRoleWhenTheProjectLeadApproves() {
    ProcessInstance pi = request(CAROL, "ADD_USER_TO_PROJECT_ROLE", "userEmail", "dave@example.com",
        "projectKey", "ALPHA", "roleName", "Developers");

    Task task = validateAndRoute(pi);
    assertThat(task.getAssignee()).isEqualTo(ALICE);
    assertThat(candidateGroups(task)).isEmpty();
    assertThat(pi).variables().containsEntry("routingReason", "Alice Lead leads project ALPHA")
        .containsEntry("currentState", "Dave Newcomer is not in role Developers of ALPHA");

    approveAndProvision(pi, ALICE, "add-user-to-project-role");

    assertOutcome(pi, "PROVISIONED", "Done: Dave Newcomer is in role Developers of ALPHA.");
    assertThat(store.roleUserEmails("ALPHA", "Developers")).contains("dave@example.com");
    assertThat(calls.count("POST", "/rest/api/3/project/ALPHA/role/10000", 200)).isEqualTo(1);
  }

  @Test
  void removesAUserFromAProjectRole() {
    ProcessInstance pi = request("dave@example.com", "REMOVE_USER_FROM_PROJECT_ROLE", "userEmail", CAROL,
        "projectKey", "ALPHA", "roleName", "developers");

    assertThat(validateAndRoute(pi).getAssignee()).isEqualTo(ALICE);
    approveAndProvision(pi, ALICE, "remove-user-from-project-role");

    assertOutcome(pi, "PROVISIONED", "Done: Carol Requester is not in role Developers of ALPHA.");
    assertThat(store.roleUserEmails("ALPHA", "Developers")).doesNotContain(CAROL);
    assertThat(calls.count("DELETE", "/rest/api/3/project/ALPHA/role/10000", 204)).isEqualTo(1);
  }

  @Test
  void createsAUserWithExactlyTheRequestedProducts() {
    ProcessInstance pi = request(CAROL, "CREATE_USER", "userEmail", "gina@example.com",
        "products", SpinValues.jsonValue("[\"jira-software\"]").create());

    validateAndRoute(pi);
    approveAndProvision(pi, FRANK, "create-user");

    SandboxStore.User gina = store.userByEmail("gina@example.com").orElseThrow();
    assertThat(gina.products()).containsExactly("jira-software");
    assertThat(pi).isEnded();
    assertThat(historicVariable(pi, "accountId")).isEqualTo(gina.accountId());
    assertThat(historicVariable(pi, "outcome")).isEqualTo("PROVISIONED");
    assertThat(calls.count("POST", "/rest/api/3/user", 201)).isEqualTo(1);
  }

  @Test
  void createsAUserWithoutProductAccessFromAnEmptyProductList() {
    ProcessInstance pi = request(CAROL, "CREATE_USER", "userEmail", "hank@example.com", "products", "");

    validateAndRoute(pi);
    approveAndProvision(pi, FRANK, "create-user");

    assertThat(store.userByEmail("hank@example.com").orElseThrow().products()).isEmpty();
  }

  @Test
  void createsAGroup() {
    ProcessInstance pi = request(CAROL, "CREATE_GROUP", "groupName", "gamma-developers");

    validateAndRoute(pi);
    approveAndProvision(pi, FRANK, "create-group");

    assertOutcome(pi, "PROVISIONED", "Done: the group gamma-developers exists.");
    assertThat(historicVariable(pi, "groupId")).isEqualTo(store.groupByName("gamma-developers").orElseThrow().groupId());
  }

  @Test
  void everyHistoryRowOfAFinishedRequestCarriesItsRemovalTime() throws Exception {
    ProcessInstance pi = request(CAROL, "CREATE_GROUP", "groupName", "delta-developers");
    validateAndRoute(pi);
    approveAndProvision(pi, FRANK, "create-group");
    assertOutcome(pi, "PROVISIONED", "Done: the group delta-developers exists.");

    // the history cleanup removes a finished request's rows by their removal time: the request's
    // end plus the model's time to live (P180D), none left without one. The "start" strategy would
    // save rewriting them at the end, but leaves the initiator variable and the last job's log
    // without a removal time: kept for ever.
    HistoricProcessInstance ended = historyService.createHistoricProcessInstanceQuery().processInstanceId(pi.getId()).singleResult();
    Timestamp removal = Timestamp.from(ended.getEndTime().toInstant().plus(Duration.ofDays(180)));
    Map<String, Long> withoutRemovalTime = new TreeMap<>();
    Map<String, Long> withOtherRemovalTime = new TreeMap<>();
    long rows = 0;
    try (Connection db = dataSource.getConnection()) {
      List<String> tables = tablesWith(db, "REMOVAL_TIME_");
      // batches and their jobs belong to no request
      tables.retainAll(tablesWith(db, "ROOT_PROC_INST_ID_"));
      for (String table : tables) {
        try (PreparedStatement select = db.prepareStatement(
            "select REMOVAL_TIME_ from " + table + " where ROOT_PROC_INST_ID_ = ?")) {
          select.setString(1, pi.getId());
          try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
              rows++;
              Timestamp time = row.getTimestamp(1);
              if (time == null) {
                withoutRemovalTime.merge(table, 1L, Long::sum);
              } else if (!time.equals(removal)) {
                withOtherRemovalTime.merge(table, 1L, Long::sum);
              }
            }
          }
        }
      }
    }
    assertThat(rows).as("history rows of the request").isGreaterThan(50);
    assertThat(withoutRemovalTime).as("rows without a removal time").isEmpty();
    assertThat(withOtherRemovalTime).as("rows removed at another time than the end + P180D").isEmpty();
  }

  private static List<String> tablesWith(Connection db, String column) throws Exception {
    List<String> tables = new ArrayList<>();
    try (ResultSet columns = db.getMetaData().getColumns(null, null, "ACT_%", column)) {
      while (columns.next()) {
        tables.add(columns.getString("TABLE_NAME"));
      }
    }
    return tables;
  }

  // --- rejection, invalid input, already in place ----------------------------------------------

  @Test
  void aRejectedRequestChangesNothing() {
    ProcessInstance pi = request(CAROL, "ADD_USER_TO_PROJECT_ROLE", "userEmail", "dave@example.com",
        "projectKey", "ALPHA", "roleName", "Administrators");
    validateAndRoute(pi);

    Task task = task(pi);
    as(ALICE, () -> {
      taskService.complete(task.getId(), withVariables("approved", false, "decisionComment", "Developers is enough"));
      return null;
    });

    assertThat(pi).isEnded().hasPassed("request-rejected").hasNotPassed("provision-access");
    assertOutcome(pi, "REJECTED", "Rejected by alice@example.com: Developers is enough");
    assertThat(store.roleUserEmails("ALPHA", "Administrators")).doesNotContain("dave@example.com");
    assertThat(calls.calls()).noneMatch(c -> !c.method().equals("GET"));
  }

  @Test
  void aDecisionNeedsApprovedTrueOrFalse() {
    ProcessInstance pi = request(CAROL, "CREATE_GROUP", "groupName", "gamma-developers");
    Task task = validateAndRoute(pi);

    assertThatThrownBy(() -> taskService.complete(task.getId(), Map.of("decisionComment", "ok")))
        .hasMessageContaining("'approved'");
    assertThat(pi).isWaitingAt("approve-request");
  }

  static Stream<Arguments> invalidRequests() {
    return Stream.of(
        Arguments.of(Map.of("requestType", "GIVE_ME_ADMIN"), "requestType 'GIVE_ME_ADMIN' is not a request type"),
        Arguments.of(Map.of(), "requestType is required"),
        Arguments.of(Map.of("requestType", "ADD_USER_TO_GROUP"), "groupName is required"),
        Arguments.of(Map.of("requestType", "ADD_USER_TO_GROUP", "groupName", "no-such-group"), "groupName 'no-such-group' is not an Atlassian group"),
        Arguments.of(Map.of("requestType", "ADD_USER_TO_GROUP", "groupName", "alpha-developers", "userEmail", "nobody@example.com"),
            "userEmail 'nobody@example.com' is not the email of an active Atlassian account"),
        Arguments.of(Map.of("requestType", "ADD_USER_TO_GROUP", "groupName", "alpha-developers", "userEmail", "not-an-email"),
            "userEmail 'not-an-email' is not an email address"),
        Arguments.of(Map.of("requestType", "ADD_USER_TO_GROUP", "groupName", "alpha-developers", "accountId", "5b10ac8d82e05b22cc0000ff"),
            "accountId '5b10ac8d82e05b22cc0000ff' is not an Atlassian account"),
        Arguments.of(Map.of("requestType", "ADD_USER_TO_GROUP", "groupName", "alpha-developers", "accountId", "5b10ac8d82e05b22cc000006"),
            "accountId names Erin Inactive, whose Atlassian account is deactivated"),
        Arguments.of(Map.of("requestType", "ADD_USER_TO_PROJECT_ROLE", "projectKey", "NOPE", "roleName", "Developers"),
            "projectKey 'NOPE' is not a Jira project"),
        Arguments.of(Map.of("requestType", "ADD_USER_TO_PROJECT_ROLE", "projectKey", "alpha", "roleName", "Developers"),
            "projectKey 'alpha' is not a Jira project key"),
        Arguments.of(Map.of("requestType", "ADD_USER_TO_PROJECT_ROLE", "projectKey", "ALPHA", "roleName", "Testers"),
            "roleName 'Testers' is not a role of project ALPHA; its roles are"),
        Arguments.of(Map.of("requestType", "ADD_USER_TO_PROJECT_ROLE", "projectKey", "ALPHA"), "roleName is required"),
        Arguments.of(Map.of("requestType", "CREATE_USER", "userEmail", "gina@example.com"), "products is required for a new account"),
        Arguments.of(Map.of("requestType", "CREATE_USER", "userEmail", "gina@example.com", "products", "jira-software, confluence"),
            "products has unknown product keys [confluence]"),
        Arguments.of(Map.of("requestType", "CREATE_USER", "products", "jira-software"), "userEmail is required"),
        Arguments.of(Map.of("requestType", "CREATE_GROUP"), "groupName is required"),
        Arguments.of(Map.of("requestType", "CREATE_GROUP", "groupName", "x".repeat(256)), "groupName is longer than 255 characters"),
        Arguments.of(Map.of("requestType", "CREATE_GROUP", "groupName", "bad\u0007name"), "groupName contains control characters"),
        Arguments.of(Map.of("requestType", "CREATE_GROUP", "groupName", 42), "groupName must be a String variable"));
  }

  @ParameterizedTest
  @MethodSource("invalidRequests")
  void anInvalidRequestEndsWithAReason(Map<String, Object> variables, String reason) {
    ProcessInstance pi = as(CAROL, () -> runtimeService.startProcessInstanceByKey(RequestVariables.PROCESS_KEY, new HashMap<>(variables)));

    execute(job(pi));

    assertThat(pi).isEnded().hasPassed("request-invalid").hasNotPassed("approve-request");
    assertThat(historicVariable(pi, "outcome")).isEqualTo("INVALID");
    assertThat((String) historicVariable(pi, "outcomeMessage")).startsWith(reason);
    assertThat(calls.calls()).noneMatch(c -> !c.method().equals("GET"));
  }

  @Test
  void aChangeAlreadyInPlaceNeedsNoApproval() {
    ProcessInstance pi = request(CAROL, "ADD_USER_TO_GROUP", "groupName", "alpha-developers");

    execute(job(pi));

    assertThat(pi).isEnded().hasPassed("already-in-place").hasNotPassed("approve-request");
    assertOutcome(pi, "ALREADY_IN_PLACE", "Nothing to do: Carol Requester is in alpha-developers.");
  }

  @Test
  void aRemovalOfANonMemberIsAlreadyInPlace() {
    ProcessInstance pi = request(CAROL, "REMOVE_USER_FROM_PROJECT_ROLE", "userEmail", "dave@example.com",
        "projectKey", "BETA", "roleName", "Administrators");

    execute(job(pi));

    assertThat(pi).isEnded().hasPassed("already-in-place");
    assertThat(historicVariable(pi, "outcome")).isEqualTo("ALREADY_IN_PLACE");
  }

  @Test
  void aChangeMadeMeanwhileEndsAlreadyInPlace() {
    ProcessInstance pi = request(CAROL, "ADD_USER_TO_GROUP", "userEmail", "dave@example.com", "groupName", "alpha-developers");
    validateAndRoute(pi);
    var group = store.groupByName("alpha-developers").orElseThrow();
    store.addMember(group.groupId(), store.userByEmail("dave@example.com").orElseThrow().accountId());

    approveAndProvision(pi, FRANK, "add-user-to-group");

    assertOutcome(pi, "ALREADY_IN_PLACE", "Already in place, nothing changed: Dave Newcomer is in alpha-developers.");
    assertThat(calls.count("POST", "/rest/api/3/group/user")).isZero();
  }

  @Test
  void aTargetThatVanishedAfterApprovalEndsTheRequestAsNoLongerValid() {
    ProcessInstance pi = request(CAROL, "ADD_USER_TO_GROUP", "userEmail", "dave@example.com", "groupName", "alpha-developers");
    validateAndRoute(pi);
    store.deleteGroup(store.groupByName("alpha-developers").orElseThrow().groupId());

    complete(task(pi), withVariables("approved", true));
    execute(job(pi));

    assertThat(pi).isEnded().hasPassed("request-no-longer-valid");
    assertThat(historicVariable(pi, "outcome")).isEqualTo("INVALID");
    assertThat((String) historicVariable(pi, "outcomeMessage")).startsWith("The request can no longer be carried out");
  }

  // --- routing fallbacks ----------------------------------------------------------------------

  @Test
  void anInactiveLeadFallsBackToTheAccessAdmins() {
    ProcessInstance pi = request(CAROL, "ADD_USER_TO_PROJECT_ROLE", "projectKey", "GAMMA", "roleName", "Developers");

    Task task = validateAndRoute(pi);

    assertThat(task.getAssignee()).isNull();
    assertThat(candidateGroups(task)).containsExactly("access-admins");
    assertThat(pi).variables().containsEntry("routingReason", "Erin Inactive, the lead of project GAMMA, is deactivated in Atlassian;"
        + " nobody is in the Administrators role of project GAMMA; the access admins decide");
  }

  @Test
  void aLeadWhoIsTheRequesterFallsBackToTheAccessAdmins() {
    ProcessInstance pi = request(ALICE, "ADD_USER_TO_PROJECT_ROLE", "userEmail", "dave@example.com",
        "projectKey", "ALPHA", "roleName", "Developers");

    Task task = validateAndRoute(pi);

    assertThat(candidateGroups(task)).containsExactly("access-admins");
    assertThat(pi).variables().containsEntry("routingReason",
        "Alice Lead, the lead of project ALPHA, is the requester; nobody approves their own request; nobody in the Administrators"
            + " role of project ALPHA can decide (Alice Lead is the requester; nobody approves their own request); the access admins decide");
  }

  @Test
  void aLeadWithoutACamundaUserFallsBackToTheAccessAdmins() {
    identityService.deleteUser("bob@example.com");
    try {
      ProcessInstance pi = request(CAROL, "ADD_USER_TO_PROJECT_ROLE", "projectKey", "BETA", "roleName", "Developers");

      Task task = validateAndRoute(pi);

      assertThat(candidateGroups(task)).containsExactly("access-admins");
      assertThat(pi).variables().containsEntry("routingReason", "Bob Lead, the lead of project BETA, has no Camunda user 'bob@example.com'; nobody in the Administrators role of project BETA"
          + " can decide (Bob Lead has no Camunda user 'bob@example.com'); the access admins decide");
    } finally {
      var bob = identityService.newUser("bob@example.com");
      bob.setPassword("demo");
      identityService.saveUser(bob);
    }
  }

  // --- failures ------------------------------------------------------------------------------

  @Test
  void retriesAfterAServerErrorAndChangesOnce() {
    ProcessInstance pi = approvedRequestForDave();
    faults.setFailureRate(1.0);
    faults.setUnavailableShare(0); // 500s only: a 503 with Retry-After waits like a rate limit

    Job provisioning = job(pi);
    assertThatThrownBy(() -> managementService.executeJob(provisioning.getId()));
    Job retried = job(pi);
    assertThat(retried.getRetries()).isEqualTo(provisioning.getRetries() - 1);
    assertThat(retried.getExceptionMessage()).contains("Atlassian");
    assertThat(retried.getDuedate()).isAfter(java.util.Date.from(Instant.now().plusSeconds(5)));

    faults.reset();
    execute(retried);

    assertOutcome(pi, "PROVISIONED", "Done: Dave Newcomer is in alpha-developers.");
    assertThat(calls.count("POST", "/rest/api/3/group/user", 201)).isEqualTo(1);
  }

  @Test
  void waitsForRetryAfterWhenRateLimitedWithoutUsingARetry() {
    ProcessInstance pi = approvedRequestForDave();
    faults.setRateLimitRate(1.0);
    faults.setRetryAfter(Duration.ofSeconds(7));
    int retries = job(pi).getRetries();

    Instant before = Instant.now();
    execute(job(pi));

    assertThat(pi).isWaitingAt("wait-before-provisioning");
    Job timer = job(pi);
    assertThat(timer.getDuedate().toInstant()).isAfterOrEqualTo(before.plusSeconds(7).minusMillis(1000))
        .isBefore(Instant.now().plusSeconds(8));
    assertThat(historicVariable(pi, "retryAfter")).isEqualTo("PT7S");

    faults.reset();
    execute(timer);
    Job provisioning = job(pi);
    assertThat(provisioning.getRetries()).isEqualTo(retries);
    execute(provisioning);

    assertOutcome(pi, "PROVISIONED", "Done: Dave Newcomer is in alpha-developers.");
    assertThat(calls.count("POST", "/rest/api/3/group/user", 201)).isEqualTo(1);
  }

  @Test
  void aServiceUnavailableWithRetryAfterWaitsLikeARateLimit() {
    ProcessInstance pi = approvedRequestForDave();
    faults.setFailureRate(1.0);
    faults.setUnavailableShare(1.0);
    int retries = job(pi).getRetries();

    execute(job(pi));

    assertThat(pi).isWaitingAt("wait-before-provisioning");
    faults.reset();
    execute(job(pi));
    assertThat(job(pi).getRetries()).isEqualTo(retries);
    execute(job(pi));
    assertOutcome(pi, "PROVISIONED", "Done: Dave Newcomer is in alpha-developers.");
  }

  @Test
  void aRateLimitDuringValidationWaitsToo() {
    faults.setRateLimitRate(1.0);
    ProcessInstance pi = request(CAROL, "CREATE_GROUP", "groupName", "gamma-developers");

    execute(job(pi));
    assertThat(pi).isWaitingAt("wait-before-validating");

    faults.reset();
    execute(job(pi));
    assertThat(pi).isWaitingAt("validate-request");
    validateAndRoute(pi);
  }

  @Test
  void exhaustedRetriesRaiseAnIncidentThatARetryResolves() {
    ProcessInstance pi = approvedRequestForDave();
    faults.setFailureRate(1.0);
    faults.setUnavailableShare(0); // 500s only: a 503 with Retry-After waits like a rate limit

    int attempts = job(pi).getRetries();
    assertThat(attempts).as("a first try and five retries with back-off").isEqualTo(6);
    for (int attempt = 0; attempt < attempts; attempt++) {
      Job job = job(pi);
      assertThatThrownBy(() -> managementService.executeJob(job.getId()));
    }
    assertThat(job(pi).getRetries()).isZero();
    assertThat(runtimeService.createIncidentQuery().processInstanceId(pi.getId()).count()).isEqualTo(1);
    assertThat(store.memberEmails("alpha-developers")).doesNotContain("dave@example.com");

    faults.reset();
    managementService.setJobRetries(job(pi).getId(), 1); // what "Retry" in Cockpit does
    execute(job(pi));

    assertOutcome(pi, "PROVISIONED", "Done: Dave Newcomer is in alpha-developers.");
    assertThat(runtimeService.createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
    assertThat(calls.count("POST", "/rest/api/3/group/user", 201)).isEqualTo(1);
  }

  // --- helpers -------------------------------------------------------------------------------

  /** The instance's next job: its async continuation, else its one timer that is not an approval timer. */
  private Job job(ProcessInstance pi) {
    Job message = ProcessJobs.asyncJob(managementService, pi.getId());
    if (message != null) {
      return message;
    }
    List<Job> timers = ProcessJobs.timers(managementService, pi.getId()).stream()
        .filter(j -> !ProcessJobs.APPROVAL_TIMERS.contains(ProcessJobs.activityOf(managementService, j))).toList();
    assertThat(timers).hasSize(1);
    return timers.get(0);
  }

  private ProcessInstance approvedRequestForDave() {
    ProcessInstance pi = request(CAROL, "ADD_USER_TO_GROUP", "userEmail", "dave@example.com", "groupName", "alpha-developers");
    validateAndRoute(pi);
    decide(pi, FRANK, true);
    assertThat(pi).isWaitingAt("add-user-to-group");
    return pi;
  }

  private ProcessInstance request(String requester, String type, Object... keyValues) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("requestType", type);
    variables.put("reason", "Needed for the test");
    for (int i = 0; i < keyValues.length; i += 2) {
      variables.put((String) keyValues[i], keyValues[i + 1]);
    }
    ProcessInstance pi = as(requester, () -> runtimeService.startProcessInstanceByKey(RequestVariables.PROCESS_KEY, variables));
    assertThat(pi).isStarted().isWaitingAt("validate-request").variables().containsEntry("requester", requester);
    return pi;
  }

  /** Runs validation and routing; returns the approval task. */
  private Task validateAndRoute(ProcessInstance pi) {
    execute(job(pi));
    assertThat(pi).isWaitingAt("route-approval");
    execute(job(pi));
    assertThat(pi).isWaitingAt("approve-request");
    return task(pi);
  }

  private void approveAndProvision(ProcessInstance pi, String approver, String provisioningTask) {
    decide(pi, approver, true);
    assertThat(pi).isWaitingAt(provisioningTask);
    execute(job(pi));
    assertThat(pi).isEnded().hasPassed(provisioningTask, "access-provisioned");
    assertThat(historicVariable(pi, "decidedBy")).isEqualTo(approver);
  }

  private void decide(ProcessInstance pi, String approver, boolean approved) {
    Task task = task(pi);
    as(approver, () -> {
      taskService.complete(task.getId(), withVariables("approved", approved, "decisionComment", "ok"));
      return null;
    });
  }

  /** Runs as the user, with their groups, as the REST authentication filter would. */
  private <T> T as(String userId, java.util.function.Supplier<T> action) {
    List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream().map(g -> g.getId()).toList();
    identityService.setAuthentication(userId, groups);
    try {
      return action.get();
    } finally {
      identityService.clearAuthentication();
    }
  }

  private void assertOutcome(ProcessInstance pi, String outcome, String message) {
    assertThat(pi).isEnded();
    assertThat(historicVariable(pi, "outcome")).isEqualTo(outcome);
    assertThat(historicVariable(pi, "outcomeMessage")).isEqualTo(message);
  }

  private Object historicVariable(ProcessInstance pi, String name) {
    var variable = historyService.createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).variableName(name).singleResult();
    return variable == null ? null : variable.getValue();
  }

  private List<String> candidateGroups(Task task) {
    return taskService.getIdentityLinksForTask(task.getId()).stream()
        .filter(l -> "candidate".equals(l.getType()) && l.getGroupId() != null).map(IdentityLink::getGroupId).toList();
  }
}
