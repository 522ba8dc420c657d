package io.accessflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import io.accessflow.ProcessJobs;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.accessflow.TestContexts;
import io.accessflow.request.RequestVariables;
import io.accessflow.sandbox.SandboxFaults;
import io.accessflow.sandbox.SandboxStore;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Notifications from real access requests on the real engine (job executor off: the test drives
 * the jobs), sent through Spring Mail to a real SMTP server in the JVM (GreenMail) and read back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.mail.host=127.0.0.1",
    "spring.mail.port=" + NotificationsTest.SMTP_PORT,
    "accessflow.notifications.public-url=https://access.example.com/",
    "accessflow.notifications.from=accessflow@example.com",
    "camunda.bpm.job-execution.enabled=false",
    TestContexts.WITHOUT_WEBAPPS})
@ExtendWith(OutputCaptureExtension.class)
class NotificationsTest {

  static final int SMTP_PORT = 3941;
  static final String CAROL = "carol@example.com";
  static final String ALICE = "alice@example.com";
  static final String DAVE = "dave@example.com";
  static final String FRANK = "frank@example.com";
  static final String NINA = "nina@example.com";
  static final String NO_ADDRESS = "noaddress";
  static final String TASKLIST = "https://access.example.com/camunda/app/tasklist/default/#/?task=";

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

  @Autowired
  Notifications notifications;
  @Autowired
  ProcessEngine engine;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  TaskService taskService;
  @Autowired
  ManagementService managementService;
  @Autowired
  RepositoryService repositoryService;
  @Autowired
  IdentityService identityService;
  @Autowired
  SandboxStore store;
  @Autowired
  SandboxFaults faults;

  @BeforeEach
  void setUp() {
    AbstractAssertions.init(engine);
    store.reset();
    faults.reset();
  }

  @AfterEach
  void tearDown() {
    faults.reset();
    identityService.clearAuthentication();
    runtimeService.createProcessInstanceQuery().list()
        .forEach(pi -> runtimeService.deleteProcessInstance(pi.getId(), "test cleanup"));
    repositoryService.createDeploymentQuery().deploymentName("notification-probe").list()
        .forEach(d -> repositoryService.deleteDeployment(d.getId(), true));
    for (String userId : List.of(NINA, NO_ADDRESS)) {
      if (identityService.createUserQuery().userId(userId).count() > 0) {
        identityService.deleteUser(userId);
      }
    }
    identityService.deleteMembership(DAVE, "access-admins");
  }

  // --- approvers --------------------------------------------------------------------------------

  @Test
  void tellsTheProjectLeadAloneWhatChangesWhyAndWhereToDecide(CapturedOutput output) throws Exception {
    ProcessInstance pi = request(CAROL, "ADD_USER_TO_PROJECT_ROLE", "userEmail", DAVE, "projectKey", "ALPHA", "roleName", "Developers");
    // the model tells the approver when the task is created
    Task task = validateAndRoute(pi);

    MimeMessage message = single(ALICE);
    assertThat(smtp.getReceivedMessages()).hasSize(1);
    assertThat(message.getSubject()).isEqualTo("Please decide: Dave Newcomer → role Developers of ALPHA");
    assertThat(((InternetAddress) message.getFrom()[0]).getAddress()).isEqualTo("accessflow@example.com");
    assertThat(body(message))
        .startsWith("Hello Alice Lead,")
        .contains("Carol Requester (carol@example.com) asks for access")
        .contains("carol@example.com asks to add Dave Newcomer (dave@example.com) to role Developers of project ALPHA (Alpha)")
        .contains("Reason: Joins the Alpha team")
        .contains("Why you: Alice Lead leads project ALPHA")
        .contains("Decide in Tasklist: " + TASKLIST + task.getId())
        .contains("Request " + pi.getId());
    assertThat(output).contains("Notification APPROVAL_ASSIGNED to alice@example.com for request " + pi.getId()
        + ": Please decide: Dave Newcomer → role Developers of ALPHA");
    assertThat(output).doesNotContain("Joins the Alpha team");
  }

  @Test
  void writesToEachAccessAdminOnTheirOwnAndSkipsThoseWhoMayNotDecideOrHaveNoAddress() throws Exception {
    user(NINA, "Nina", "Second", NINA);
    user(NO_ADDRESS, "No", "Address", null);
    identityService.createMembership(NINA, "access-admins");
    identityService.createMembership(NO_ADDRESS, "access-admins");
    identityService.createMembership(DAVE, "access-admins"); // the request is for Dave: he may not decide it
    ProcessInstance pi = request(CAROL, "ADD_USER_TO_GROUP", "userEmail", DAVE, "groupName", "alpha-developers");
    Task task = validateAndRoute(pi);

    assertThat(smtp.getReceivedMessages()).hasSize(2);
    for (String admin : List.of(FRANK, NINA)) {
      MimeMessage message = single(admin);
      assertThat(addresses(message.getAllRecipients())).containsExactly(admin);
      assertThat(message.getSubject()).isEqualTo("Please decide: Dave Newcomer → group alpha-developers");
      assertThat(body(message))
          .contains("Why you: alpha-developers has no owners in accessflow.approval.group-owners; the access admins decide")
          .contains("You are in the group access-admins")
          .contains(TASKLIST + task.getId());
    }
    assertThat(body(single(NINA))).startsWith("Hello Nina Second,").doesNotContain(FRANK);
  }

  @Test
  void remindsAndEscalatesWithTheirOwnWords() throws Exception {
    ProcessInstance pi = request(CAROL, "CREATE_USER", "userEmail", "gina@example.com", "products", "");
    validateAndRoute(pi);

    // the model's timers: the reminder leaves the task, the escalation creates it anew
    managementService.executeJob(timer(pi, "reminder-timer").getId());
    execute(job(pi));
    managementService.executeJob(timer(pi, "escalation-timer").getId());
    execute(job(pi));
    Task escalated = task(pi);

    List<MimeMessage> messages = to(FRANK);
    assertThat(messages).hasSize(3);
    assertThat(messages.get(0).getSubject()).isEqualTo("Please decide: new account gina@example.com");
    assertThat(messages.get(1).getSubject()).isEqualTo("Reminder, please decide: new account gina@example.com");
    assertThat(body(messages.get(1))).contains("It has been waiting for a decision since ");
    assertThat(messages.get(2).getSubject()).isEqualTo("Escalated, please decide: new account gina@example.com");
    assertThat(body(messages.get(2))).contains("was escalated to you").contains(TASKLIST + escalated.getId());
  }

  // --- the requester and the person the access is for -------------------------------------------

  @Test
  void tellsTheRequesterTheDecisionAndTheOutcomeAndThePersonTheirNewAccess() throws Exception {
    ProcessInstance pi = request(CAROL, "ADD_USER_TO_GROUP", "userEmail", DAVE, "groupName", "alpha-developers");
    validateAndRoute(pi);
    // the model tells the requester of the decision, then of the end, and Dave of his access
    decide(pi, FRANK, true, "Welcome aboard");
    execute(job(pi));

    List<MimeMessage> toCarol = to(CAROL);
    assertThat(toCarol).hasSize(2);
    assertThat(toCarol.get(0).getSubject()).isEqualTo("Approved: Dave Newcomer → group alpha-developers");
    assertThat(body(toCarol.get(0))).startsWith("Hello Carol Requester,")
        .contains("Frank Admin approved your access request")
        .contains("carol@example.com asks to add Dave Newcomer (dave@example.com) to group alpha-developers")
        .contains("Comment: Welcome aboard");
    assertThat(toCarol.get(1).getSubject()).isEqualTo("Done: Dave Newcomer → group alpha-developers");
    assertThat(body(toCarol.get(1))).contains("Outcome: PROVISIONED").contains("Done: Dave Newcomer is in alpha-developers.");

    MimeMessage toDave = single(DAVE);
    assertThat(toDave.getSubject()).isEqualTo("Access granted: group alpha-developers");
    assertThat(body(toDave)).startsWith("Hello Dave Newcomer,")
        .contains("You now have group alpha-developers in Atlassian, as Carol Requester asked and Frank Admin approved.");
  }

  @Test
  void tellsThePersonWhenTheirAccessWasRemoved() throws Exception {
    ProcessInstance pi = request(DAVE, "REMOVE_USER_FROM_PROJECT_ROLE", "userEmail", CAROL, "projectKey", "ALPHA", "roleName", "Developers");
    validateAndRoute(pi);
    decide(pi, ALICE, true, "ok");
    execute(job(pi));

    MimeMessage message = single(CAROL);
    assertThat(message.getSubject()).isEqualTo("Access removed: role Developers of ALPHA");
    assertThat(body(message)).contains("You no longer have role Developers of ALPHA in Atlassian, as Dave Newcomer asked and Alice Lead approved.");
  }

  @Test
  void aRejectionReachesTheRequesterAndChangesNobodysAccess() throws Exception {
    ProcessInstance pi = request(CAROL, "ADD_USER_TO_PROJECT_ROLE", "userEmail", DAVE, "projectKey", "ALPHA", "roleName", "Administrators");
    validateAndRoute(pi);
    decide(pi, ALICE, false, "Developers is enough");

    MimeMessage toCarol = single(CAROL);
    assertThat(toCarol.getSubject()).isEqualTo("Rejected: Dave Newcomer → role Administrators of ALPHA");
    assertThat(body(toCarol)).contains("Alice Lead rejected your access request").contains("Comment: Developers is enough")
        .contains("Nothing was changed.");
    assertThat(to(DAVE)).isEmpty();
  }

  @Test
  void tellsTheRequesterWhenNobodyDecidedInTime() throws Exception {
    ProcessInstance pi = request(CAROL, "CREATE_GROUP", "groupName", "delta-developers");
    validateAndRoute(pi);

    managementService.executeJob(timer(pi, "expiry-timer").getId());

    MimeMessage message = single(CAROL);
    assertThat(message.getSubject()).isEqualTo("Expired: new group delta-developers");
    assertThat(body(message)).contains("Nobody decided your access request in time").contains("carol@example.com asks to create the group delta-developers");
  }

  @Test
  void tellsTheRequesterOnceWhenAStepFailsAllItsRetries() throws Exception {
    ProcessInstance pi = request(CAROL, "ADD_USER_TO_GROUP", "userEmail", DAVE, "groupName", "alpha-developers");
    validateAndRoute(pi);
    decide(pi, FRANK, true, "ok");
    faults.setFailureRate(1.0);
    faults.setUnavailableShare(0); // 500s only: a 503 with Retry-After waits like a rate limit
    smtp.purgeEmailFromAllMailboxes();

    int attempts = job(pi).getRetries();
    for (int attempt = 0; attempt < attempts; attempt++) {
      String jobId = job(pi).getId();
      assertThatThrownBy(() -> managementService.executeJob(jobId));
    }

    assertThat(runtimeService.createIncidentQuery().processInstanceId(pi.getId()).count()).isEqualTo(1);
    MimeMessage message = single(CAROL);
    assertThat(smtp.getReceivedMessages()).hasSize(1);
    assertThat(message.getSubject()).isEqualTo("Stuck: Dave Newcomer → group alpha-developers");
    assertThat(body(message)).contains("The step \"add-user-to-group\" of your access request failed after all its retries")
        .contains("incident in Cockpit");
  }

  @Test
  void nobodyWithoutAnAddressIsWrittenTo() throws Exception {
    ProcessInstance pi = request(CAROL, "CREATE_GROUP", "groupName", "delta-developers");
    validateAndRoute(pi);
    smtp.purgeEmailFromAllMailboxes();
    user(NO_ADDRESS, "No", "Address", null);
    runtimeService.setVariable(pi.getId(), RequestVariables.REQUESTER, NO_ADDRESS);

    notifications.requestExpired(pi.getId());
    notifications.requestFailed(pi.getId());

    assertThat(smtp.getReceivedMessages()).isEmpty();
  }

  // --- from the model, and when SMTP fails ------------------------------------------------------

  @Test
  void worksFromListenerExpressionsInTheModelAndSendsAfterTheTransaction() throws Exception {
    BpmnModelInstance probe = Bpmn.createExecutableProcess("notification-probe").camundaHistoryTimeToLive(1)
        .startEvent()
        .userTask("approve").camundaCandidateGroups("access-admins")
        .camundaTaskListenerExpression("create", "${notifications.approvalAssigned(task)}")
        .camundaTaskListenerExpression("complete", "${notifications.requestDecided(task)}")
        .endEvent().camundaExecutionListenerExpression("start", "${notifications.requestCompleted(execution)}")
        .done();
    repositoryService.createDeployment().name("notification-probe").addModelInstance("notification-probe.bpmn", probe).deploy();

    ProcessInstance pi = runtimeService.startProcessInstanceByKey("notification-probe", Map.of(
        "requestType", "ADD_USER_TO_GROUP", "requester", CAROL, "userEmail", DAVE, "userDisplayName", "Dave Newcomer",
        "groupName", "alpha-developers", "reason", "Joins the Alpha team", "outcome", "PROVISIONED"));
    Task task = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();

    MimeMessage approval = single(FRANK);
    assertThat(approval.getSubject()).isEqualTo("Please decide: Dave Newcomer → group alpha-developers");
    assertThat(body(approval)).contains(TASKLIST + task.getId()).contains("Reason: Joins the Alpha team");

    taskService.complete(task.getId(), withVariables("approved", true, "decidedBy", FRANK));
    List<MimeMessage> toCarol = to(CAROL);
    assertThat(toCarol).hasSize(2);
    assertThat(toCarol.get(0).getSubject()).isEqualTo("Approved: Dave Newcomer → group alpha-developers");
    assertThat(body(toCarol.get(0))).contains("Frank Admin approved your access request");
    assertThat(toCarol.get(1).getSubject()).isEqualTo("Done: Dave Newcomer → group alpha-developers");
  }

  @Test
  void aFailingSmtpServerNeitherThrowsNorSilencesTheLog(CapturedOutput output) {
    ProcessInstance pi = request(CAROL, "ADD_USER_TO_PROJECT_ROLE", "userEmail", DAVE, "projectKey", "ALPHA", "roleName", "Developers");
    Task task = validateAndRoute(pi);
    smtp.stop();

    assertThatCode(() -> notifications.approvalAssigned(task.getId())).doesNotThrowAnyException();

    assertThat(output).contains("EmailChannel could not send the APPROVAL_ASSIGNED notification to alice@example.com for request " + pi.getId());
    assertThat(output).contains("Notification APPROVAL_ASSIGNED to alice@example.com for request " + pi.getId());
    assertThat(output).doesNotContain("Decide in Tasklist");
  }

  // --- helpers ----------------------------------------------------------------------------------

  private ProcessInstance request(String requester, String type, Object... keyValues) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("requestType", type);
    variables.put("reason", "Joins the Alpha team");
    for (int i = 0; i < keyValues.length; i += 2) {
      variables.put((String) keyValues[i], keyValues[i + 1]);
    }
    return as(requester, () -> runtimeService.startProcessInstanceByKey(RequestVariables.PROCESS_KEY, variables));
  }

  private org.camunda.bpm.engine.runtime.Job timer(ProcessInstance pi, String activityId) {
    return ProcessJobs.timer(managementService, pi.getId(), activityId);
  }

  private org.camunda.bpm.engine.runtime.Job job(ProcessInstance pi) {
    return ProcessJobs.asyncJob(managementService, pi.getId());
  }

  private Task validateAndRoute(ProcessInstance pi) {
    execute(job(pi));
    execute(job(pi));
    return task(pi);
  }

  private void decide(ProcessInstance pi, String approver, boolean approved, String comment) {
    Task task = task(pi);
    as(approver, () -> {
      taskService.complete(task.getId(), withVariables("approved", approved, "decisionComment", comment));
      return null;
    });
  }

  private <T> T as(String userId, Supplier<T> action) {
    List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream().map(g -> g.getId()).toList();
    identityService.setAuthentication(userId, groups);
    try {
      return action.get();
    } finally {
      identityService.clearAuthentication();
    }
  }

  private void user(String id, String first, String last, String email) {
    User user = identityService.newUser(id);
    user.setFirstName(first);
    user.setLastName(last);
    user.setEmail(email);
    user.setPassword("not-used-" + id);
    identityService.saveUser(user);
  }

  private List<MimeMessage> to(String email) {
    return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
      try {
        return addresses(m.getRecipients(Message.RecipientType.TO)).contains(email);
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  private MimeMessage single(String email) {
    List<MimeMessage> messages = to(email);
    assertThat(messages).as("messages to " + email).hasSize(1);
    return messages.get(0);
  }

  private static List<String> addresses(Address[] addresses) {
    return addresses == null ? List.of() : Arrays.stream(addresses).map(a -> ((InternetAddress) a).getAddress()).toList();
  }

  private static String body(MimeMessage message) throws IOException, MessagingException {
    return message.getContent().toString();
  }
}
