package io.accessflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.accessflow.sandbox.SandboxCallLog;
import io.accessflow.sandbox.SandboxStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Groups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/** Who may do what, over the REST APIs and the Tasklist's own API, with authorizations on. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecurityTest {

  @Autowired
  TestRestTemplate http;
  @Autowired
  TaskService taskService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  ManagementService managementService;
  @Autowired
  IdentityService identityService;
  @Autowired
  SandboxStore store;
  @Autowired
  SandboxCallLog calls;

  @BeforeEach
  void setUp() {
    store.reset();
    calls.clear();
  }

  @AfterEach
  void cleanUp() {
    // let running jobs finish first: deleting an instance under a running job fails that job
    await().atMost(Duration.ofSeconds(30)).until(() -> managementService.createJobQuery().executable().count() == 0);
    runtimeService.createProcessInstanceQuery().list().forEach(pi -> runtimeService.deleteProcessInstance(pi.getId(), "test cleanup"));
  }

  @Test
  void anonymousAndWrongPasswordsAreUnauthorized() {
    for (String path : List.of("/engine-rest/task", "/engine-rest/process-definition", "/api/atlassian/connection")) {
      assertThat(http.getForEntity(path, String.class).getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
      // erin: a real user who takes no other part in these tests (a wrong password delays her next login)
      assertThat(http.withBasicAuth("erin@example.com", "wrong").getForEntity(path, String.class).getStatusCode())
          .as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
    }
  }

  @Test
  void aRequesterCannotCompleteSomeoneElsesApproval() {
    String task = approvalTask(start("dave@example.com", "ADD_USER_TO_PROJECT_ROLE", "ALPHA"), "alice@example.com");

    ResponseEntity<String> answer = complete("carol@example.com", task);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertStillOpen(task);
  }

  @Test
  void theLeadOfAnotherProjectCannotCompleteTheApproval() {
    String task = approvalTask(start("carol@example.com", "ADD_USER_TO_PROJECT_ROLE", "ALPHA"), "alice@example.com");

    assertThat(http.withBasicAuth("bob@example.com", "demo")
        .getForObject("/engine-rest/task?processInstanceId=" + taskService.createTaskQuery().taskId(task).singleResult().getProcessInstanceId(),
            JsonNode.class)).as("bob does not even see it").isEmpty();
    assertThat(complete("bob@example.com", task).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertStillOpen(task);
  }

  @Test
  void anApproverCannotDecideTheirOwnRequest() {
    // frank is an access admin, so his own group request lands in his queue
    String task = approvalTask(start("frank@example.com", "CREATE_GROUP", null), null);

    ResponseEntity<String> answer = complete("frank@example.com", task);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(answer.getBody()).contains("Separation of duties", "frank@example.com asked for this request");
    assertStillOpen(task);
  }

  @Test
  void anApproverCannotDecideARequestThatIsForThem() {
    String task = approvalTask(startFor("carol@example.com", "frank@example.com"), null);

    ResponseEntity<String> answer = complete("frank@example.com", task);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(answer.getBody()).contains("this request is for frank@example.com");
    assertStillOpen(task);
  }

  @Test
  void separationOfDutiesHoldsInTasklistToo() {
    String task = approvalTask(start("frank@example.com", "CREATE_GROUP", null), null);
    TasklistSession frank = TasklistSession.login(http, "frank@example.com", "demo");

    ResponseEntity<String> answer = frank.post("/camunda/api/engine/engine/default/task/" + task + "/submit-form",
        Map.of("variables", Map.of("approved", Map.of("value", true, "type", "Boolean"))));

    assertThat(answer.getStatusCode().is2xxSuccessful()).as(answer.getBody()).isFalse();
    assertThat(answer.getBody()).contains("Separation of duties");
    assertStillOpen(task);
  }

  @Test
  void aRequesterReadsTheirOwnRequestButNotOthers() {
    String carols = start("carol@example.com", "ADD_USER_TO_PROJECT_ROLE", "ALPHA");
    String daves = start("dave@example.com", "CREATE_GROUP", null);
    approvalTask(carols, "alice@example.com");
    approvalTask(daves, null);
    TestRestTemplate carol = http.withBasicAuth("carol@example.com", "demo");

    assertThat(carol.getForEntity("/engine-rest/process-instance/" + carols, String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(carol.getForEntity("/engine-rest/process-instance/" + daves, String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    JsonNode visible = carol.getForObject("/engine-rest/process-instance", JsonNode.class);
    assertThat(visible.findValuesAsText("id")).as(visible.toString()).containsExactly(carols);
  }

  @Test
  void theApproverCanDecide() {
    String task = approvalTask(start("carol@example.com", "ADD_USER_TO_PROJECT_ROLE", "ALPHA"), "alice@example.com");

    assertThat(complete("alice@example.com", task).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(taskService.createTaskQuery().taskId(task).count()).isZero();
  }

  @Test
  void taskQueriesWithExpressionsAreRefusedOnBothRestPaths() {
    TestRestTemplate admin = http.withBasicAuth("admin", "admin");
    ResponseEntity<String> orQuery = admin.postForEntity("/engine-rest/task",
        Map.of("orQueries", List.of(Map.of("assigneeExpression", "${currentUser()}"))), String.class);
    ResponseEntity<String> inUrl = admin.getForEntity("/engine-rest/task?assigneeExpression={e}", String.class, "#{currentUser()}");
    ResponseEntity<String> count = admin.postForEntity("/engine-rest/task/count",
        Map.of("orQueries", List.of(Map.of("nameExpression", "${'x'}"))), String.class);
    TasklistSession session = TasklistSession.login(http, "admin", "admin");
    ResponseEntity<String> webapp = session.post("/camunda/api/engine/engine/default/task",
        Map.of("orQueries", List.of(Map.of("assigneeExpression", "${currentUser()}"))));

    for (ResponseEntity<String> answer : List.of(orQuery, inUrl, count, webapp)) {
      assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(answer.getBody()).contains("Expressions");
    }
    assertThat(admin.postForEntity("/engine-rest/task", Map.of("orQueries", List.of(Map.of("assignee", "alice@example.com"))),
        String.class).getStatusCode()).as("a plain orQuery still works").isEqualTo(HttpStatus.OK);
  }

  @Test
  void theFirstRunAdminSetupIsRefusedAndAnAdministratorExists() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> setup = http.exchange("/camunda/api/admin/setup/default/user/create", HttpMethod.POST,
        new HttpEntity<>(Map.of("profile", Map.of("id", "intruder"), "credentials", Map.of("password", "intruder-password")), headers),
        String.class);

    assertThat(setup.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(identityService.createUserQuery().userId("intruder").count()).isZero();
    assertThat(identityService.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).count()).isPositive();
  }

  // --- helpers -------------------------------------------------------------------------------

  private String start(String requester, String type, String projectKey) {
    Map<String, Object> variables = new java.util.HashMap<>(Map.of(
        "requestType", typed(type), "reason", typed("security test"), "userEmail", typed("dave@example.com")));
    if (projectKey != null) {
      variables.put("projectKey", typed(projectKey));
      variables.put("roleName", typed("Developers"));
    } else {
      variables.put("groupName", typed("security-test-group"));
    }
    return started(http.withBasicAuth(requester, "demo").postForEntity(
        "/engine-rest/process-definition/key/access-request/start", Map.of("variables", variables), JsonNode.class));
  }

  private String startFor(String requester, String forWhom) {
    Map<String, Object> variables = Map.of("requestType", typed("ADD_USER_TO_GROUP"), "reason", typed("security test"),
        "userEmail", typed(forWhom), "groupName", typed("alpha-developers"));
    return started(http.withBasicAuth(requester, "demo").postForEntity(
        "/engine-rest/process-definition/key/access-request/start", Map.of("variables", variables), JsonNode.class));
  }

  private static String started(ResponseEntity<JsonNode> answer) {
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    return answer.getBody().path("id").asText();
  }

  /** Waits for routing (a job) and returns the approval task's id, checking its assignee. */
  private String approvalTask(String processInstanceId, String expectedAssignee) {
    var task = await().atMost(Duration.ofSeconds(30)).until(
        () -> taskService.createTaskQuery().processInstanceId(processInstanceId).singleResult(), t -> t != null);
    assertThat(task.getAssignee()).isEqualTo(expectedAssignee);
    return task.getId();
  }

  private ResponseEntity<String> complete(String user, String taskId) {
    return http.withBasicAuth(user, "demo").postForEntity("/engine-rest/task/" + taskId + "/complete",
        Map.of("variables", Map.of("approved", Map.of("value", true, "type", "Boolean"))), String.class);
  }

  private void assertStillOpen(String taskId) {
    assertThat(taskService.createTaskQuery().taskId(taskId).count()).as("the task is still open").isEqualTo(1);
    assertThat(calls.calls()).as("nothing changed in Atlassian").noneMatch(c -> !c.method().equals("GET"));
  }

  private static Map<String, Object> typed(Object value) {
    return Map.of("value", value, "type", "String");
  }

  /** A logged-in Tasklist session: its cookies and CSRF token, as the browser would send them. */
  record TasklistSession(TestRestTemplate http, String cookies, String csrfToken) {

    static TasklistSession login(TestRestTemplate http, String user, String password) {
      Map<String, String> cookies = new java.util.LinkedHashMap<>();
      String csrf = fetchToken(http, cookies);
      HttpHeaders headers = headers(cookies, csrf);
      headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
      LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
      form.add("username", user);
      form.add("password", password);
      ResponseEntity<String> login = http.postForEntity("/camunda/api/admin/auth/user/default/login/tasklist",
          new HttpEntity<>(form, headers), String.class);
      assertThat(login.getStatusCode()).as(login.getBody()).isEqualTo(HttpStatus.OK);
      remember(cookies, login.getHeaders());
      // the session changes at login, and with it the CSRF token
      String token = fetchToken(http, cookies);
      return new TasklistSession(http, String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()), token);
    }

    private static String fetchToken(TestRestTemplate http, Map<String, String> cookies) {
      HttpHeaders headers = headers(cookies, "Fetch");
      ResponseEntity<String> answer = http.exchange("/camunda/api/engine/engine/", HttpMethod.GET, new HttpEntity<>(headers), String.class);
      remember(cookies, answer.getHeaders());
      String token = answer.getHeaders().getFirst("X-XSRF-TOKEN");
      assertThat(token).as("CSRF token").isNotBlank();
      return token;
    }

    private static HttpHeaders headers(Map<String, String> cookies, String csrf) {
      HttpHeaders headers = new HttpHeaders();
      if (!cookies.isEmpty()) {
        headers.add(HttpHeaders.COOKIE, String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
      }
      headers.add("X-XSRF-TOKEN", csrf);
      return headers;
    }

    private static void remember(Map<String, String> cookies, HttpHeaders answer) {
      for (String cookie : answer.getOrEmpty(HttpHeaders.SET_COOKIE)) {
        String[] pair = cookie.split(";", 2)[0].split("=", 2);
        cookies.put(pair[0], pair.length > 1 ? pair[1] : "");
      }
    }

    ResponseEntity<String> post(String path, Object body) {
      HttpHeaders headers = new HttpHeaders();
      headers.setContentType(MediaType.APPLICATION_JSON);
      headers.add(HttpHeaders.COOKIE, cookies);
      headers.add("X-XSRF-TOKEN", csrfToken);
      return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }
  }
}
