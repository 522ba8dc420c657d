package io.accessflow.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.accessflow.atlassian.contract.AtlassianContract;
import io.accessflow.sandbox.SandboxCallLog;
import io.accessflow.sandbox.SandboxFaults;
import io.accessflow.sandbox.SandboxStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The request API over real HTTP on the whole app (job executor on), against the sandbox: starting
 * each kind of request, following it through every status, its timeline, idempotency,
 * cancellation, lists, who may see what, and the generated OpenAPI description.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(AtlassianContract.class)
class AccessRequestApiTest {

  static final String API = "/api/access-requests";
  static final String DEMO = "demo";
  static final String CAROL = "carol@example.com";
  static final String DAVE = "dave@example.com";
  static final String ALICE = "alice@example.com";
  static final String FRANK = "frank@example.com";
  static final Duration WAIT = Duration.ofSeconds(30);

  @Autowired
  TestRestTemplate http;
  @Autowired
  SandboxStore store;
  @Autowired
  SandboxFaults faults;
  @Autowired
  SandboxCallLog calls;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  IdentityService identityService;
  @Autowired
  HistoryService historyService;
  @Autowired
  ManagementService managementService;

  @BeforeEach
  void freshSandbox() {
    store.reset();
    faults.reset();
    calls.clear();
  }

  /** No request of a test keeps running jobs into the next test (the context is shared). */
  @AfterEach
  void cancelWhatIsLeft() {
    managementService.createJobDefinitionQuery().processDefinitionKey(RequestVariables.PROCESS_KEY).suspended().list()
        .forEach(definition -> managementService.activateJobDefinitionById(definition.getId(), true));
    await().atMost(WAIT).ignoreExceptions().until(() -> {
      runtimeService.createProcessInstanceQuery().processDefinitionKey(RequestVariables.PROCESS_KEY).list()
          .forEach(pi -> runtimeService.deleteProcessInstance(pi.getId(), "test cleanup"));
      return runtimeService.createProcessInstanceQuery().processDefinitionKey(RequestVariables.PROCESS_KEY).count() == 0;
    });
  }

  // --- starting --------------------------------------------------------------------------------

  static Stream<Arguments> everyType() {
    return Stream.of(
        Arguments.of("ADD_USER_TO_GROUP", Map.of("userEmail", DAVE, "groupName", "alpha-developers"), null, "access-admins"),
        Arguments.of("REMOVE_USER_FROM_GROUP", Map.of("userEmail", "bob@example.com", "groupName", "beta-developers"), null, "access-admins"),
        Arguments.of("ADD_USER_TO_PROJECT_ROLE", Map.of("userEmail", DAVE, "projectKey", "ALPHA", "roleName", "Developers"), ALICE, null),
        // Alice leads ALPHA and is its only Administrator: for her own removal the access admins decide
        Arguments.of("REMOVE_USER_FROM_PROJECT_ROLE", Map.of("userEmail", ALICE, "projectKey", "ALPHA", "roleName", "Administrators"), null, "access-admins"),
        Arguments.of("CREATE_USER", Map.of("userEmail", "gina@example.com", "products", List.of("jira-software")), null, "access-admins"),
        Arguments.of("CREATE_GROUP", Map.of("groupName", "delta-developers"), null, "access-admins"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyType")
  void aValidRequestIsCreatedAndRoutedToItsApprover(String type, Map<String, Object> fields, String approver, String group) {
    ResponseEntity<JsonNode> created = post(CAROL, body(type, fields), null);

    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    JsonNode view = created.getBody();
    String id = view.path("id").asText();
    assertThat(created.getHeaders().getLocation()).hasToString(API + "/" + id);
    assertThat(view.path("status").asText()).isEqualTo("PENDING_APPROVAL");
    assertThat(view.path("type").asText()).isEqualTo(type);
    assertThat(view.path("requester").asText()).isEqualTo(CAROL);
    assertThat(view.path("reason").asText()).isEqualTo("Needed for the API test");
    assertThat(view.has("approver")).as("approver is present, null until routed").isTrue();
    fields.forEach((name, value) -> assertThat(json(view.path(name))).as(name).isEqualTo(value));
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(id).singleResult().getBusinessKey()).isNull();

    JsonNode routed = awaitApprover(CAROL, id);
    assertThat(routed.path("status").asText()).isEqualTo("PENDING_APPROVAL");
    assertThat(routed.path("approver").path("user").isMissingNode() ? null : routed.path("approver").path("user").asText()).isEqualTo(approver);
    assertThat(routed.path("approver").path("group").isMissingNode() ? null : routed.path("approver").path("group").asText()).isEqualTo(group);
    assertThat(routed.path("approver").path("reason").asText()).isNotBlank();
    assertThat(routed.path("summary").asText()).startsWith(CAROL + " asks to ");
  }

  @Test
  void theRequesterIsTheCallerAndProductsAreAJsonVariable() {
    String id = post(DAVE, body("CREATE_USER", Map.of("userEmail", "gina@example.com", "products", List.of("jira-software", "jira-core"))), null)
        .getBody().path("id").asText();

    assertThat(historic(id).getStartUserId()).isEqualTo(DAVE);
    var products = historyService.createHistoricVariableInstanceQuery().processInstanceId(id).variableName("products").singleResult();
    assertThat(products.getTypeName()).isEqualTo("json");
    assertThat(products.getValue().toString()).isEqualTo("[\"jira-software\",\"jira-core\"]");
  }

  // --- statuses and the timeline ----------------------------------------------------------------

  @Test
  void anApprovedRequestGoesThroughProvisioningToCompletedWithItsTimeline() {
    String id = create(CAROL, "ADD_USER_TO_GROUP", Map.of("userEmail", DAVE, "groupName", "alpha-developers"));
    awaitApprover(CAROL, id);
    JobDefinition provisioning = jobDefinition("add-user-to-group");
    managementService.suspendJobDefinitionById(provisioning.getId()); // holds the request in PROVISIONING

    decide(FRANK, id, true, "Fine");

    JsonNode held = await().atMost(WAIT).until(() -> get(CAROL, id).getBody(), v -> v.path("status").asText().equals("PROVISIONING"));
    assertThat(held.path("outcome").isMissingNode()).isTrue();
    managementService.activateJobDefinitionById(provisioning.getId(), true);

    JsonNode done = await().atMost(WAIT).until(() -> get(CAROL, id).getBody(), v -> v.path("status").asText().equals("COMPLETED"));
    assertThat(done.path("outcome").asText()).isEqualTo("PROVISIONED");
    assertThat(done.path("outcomeMessage").asText()).isEqualTo("Done: Dave Newcomer is in alpha-developers.");
    assertThat(done.path("endedAt").asText()).isNotBlank();
    assertThat(store.memberEmails("alpha-developers")).contains(DAVE);

    JsonNode timeline = done.path("timeline");
    assertThat(events(timeline)).containsExactly("requested", "validated", "routed", "decided", "provisioned", "ended");
    assertThat(entry(timeline, "requested").path("actor").asText()).isEqualTo(CAROL);
    assertThat(entry(timeline, "validated").path("detail").asText()).isEqualTo("Dave Newcomer is not in alpha-developers");
    assertThat(entry(timeline, "routed").path("detail").asText())
        .isEqualTo("To the group access-admins: alpha-developers has no owners in accessflow.approval.group-owners; the access admins decide");
    assertThat(entry(timeline, "decided").path("actor").asText()).isEqualTo(FRANK);
    assertThat(entry(timeline, "decided").path("detail").asText()).isEqualTo("approved: Fine");
    assertThat(entry(timeline, "provisioned").path("detail").asText()).isEqualTo("Add user to group");
    assertThat(entry(timeline, "ended").path("detail").asText()).isEqualTo("PROVISIONED: Done: Dave Newcomer is in alpha-developers.");
    List<Instant> times = new ArrayList<>();
    timeline.forEach(e -> times.add(Instant.parse(e.path("at").asText())));
    assertThat(times).isSorted();
    assertThat(times.get(0)).isEqualTo(Instant.parse(done.path("requestedAt").asText()));
  }

  @Test
  void aRejectedRequestIsRejectedWithTheApproversComment() {
    String id = create(CAROL, "ADD_USER_TO_PROJECT_ROLE", Map.of("userEmail", DAVE, "projectKey", "ALPHA", "roleName", "Developers"));
    assertThat(awaitApprover(CAROL, id).path("approver").path("user").asText()).isEqualTo(ALICE);

    decide(ALICE, id, false, "Not on the team");

    JsonNode rejected = await().atMost(WAIT).until(() -> get(CAROL, id).getBody(), v -> v.path("status").asText().equals("REJECTED"));
    assertThat(rejected.path("outcome").asText()).isEqualTo("REJECTED");
    assertThat(rejected.path("outcomeMessage").asText()).isEqualTo("Rejected by alice@example.com: Not on the team");
    JsonNode decided = entry(rejected.path("timeline"), "decided");
    assertThat(decided.path("actor").asText()).isEqualTo(ALICE);
    assertThat(decided.path("detail").asText()).isEqualTo("rejected: Not on the team");
    assertThat(events(rejected.path("timeline"))).containsExactly("requested", "validated", "routed", "decided", "ended");
  }

  @Test
  void aChangeAlreadyInPlaceIsCompletedWithoutApproval() {
    String id = create(CAROL, "ADD_USER_TO_GROUP", Map.of("groupName", "alpha-developers"));

    JsonNode done = await().atMost(WAIT).until(() -> get(CAROL, id).getBody(), v -> v.path("status").asText().equals("COMPLETED"));
    assertThat(done.path("outcome").asText()).isEqualTo("ALREADY_IN_PLACE");
    assertThat(done.path("approver").isNull()).isTrue();
    assertThat(events(done.path("timeline"))).containsExactly("requested", "validated", "ended");
  }

  @Test
  void aRequestStartedInTheEngineWithBadInputIsInvalidAndReadableThroughTheApi() {
    // both REST APIs refuse bad input up front; a start through the engine's Java API does not
    identityService.setAuthentication(CAROL, List.of());
    String id;
    try {
      id = runtimeService.startProcessInstanceByKey("access-request",
          Map.of("requestType", "CREATE_GROUP", "reason", "no group name")).getId();
    } finally {
      identityService.clearAuthentication();
    }

    JsonNode invalid = await().atMost(WAIT).until(() -> get(CAROL, id).getBody(), v -> v.path("status").asText().equals("INVALID"));
    assertThat(invalid.path("outcome").asText()).isEqualTo("INVALID");
    assertThat(invalid.path("outcomeMessage").asText()).isEqualTo("groupName is required for this request type");
    assertThat(events(invalid.path("timeline"))).containsExactly("requested", "ended");
    assertThat(entry(invalid.path("timeline"), "ended").path("detail").asText()).isEqualTo("INVALID: groupName is required for this request type");
  }

  /**
   * FAILED is an open incident. Waiting for the retry cycle (PT10S, PT1M, ...) to run out would
   * take an hour, so the provisioning job is held (its job definition suspended) and its retries
   * set to 0, which is what exhausting them does: the engine raises the same failed-job incident.
   */
  @Test
  void aRequestWithAnOpenIncidentIsFailed() {
    String id = create(CAROL, "ADD_USER_TO_GROUP", Map.of("userEmail", DAVE, "groupName", "alpha-developers"));
    awaitApprover(CAROL, id);
    JobDefinition provisioning = jobDefinition("add-user-to-group");
    managementService.suspendJobDefinitionById(provisioning.getId());
    decide(FRANK, id, true, "ok");
    Job job = await().atMost(WAIT).until(() -> managementService.createJobQuery().processInstanceId(id).singleResult(), j -> j != null);

    managementService.setJobRetries(job.getId(), 0);

    JsonNode failed = get(CAROL, id).getBody();
    assertThat(failed.path("status").asText()).isEqualTo("FAILED");
    assertThat(events(failed.path("timeline"))).endsWith("failed");
    assertThat(list(CAROL, "?status=FAILED&mine=true").path("items").findValuesAsText("id")).contains(id);
    assertThat(store.memberEmails("alpha-developers")).doesNotContain(DAVE);
  }

  // --- idempotency -------------------------------------------------------------------------------

  @Test
  void theSameIdempotencyKeyAndBodyReturnTheFirstRequest() {
    String key = UUID.randomUUID().toString();
    Map<String, Object> body = body("CREATE_GROUP", Map.of("groupName", "delta-developers"));
    long before = instances();

    ResponseEntity<JsonNode> first = post(CAROL, body, key);
    ResponseEntity<JsonNode> again = post(CAROL, body, key);

    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(again.getBody().path("id").asText()).isEqualTo(first.getBody().path("id").asText());
    assertThat(instances()).isEqualTo(before + 1);
  }

  @Test
  void theSameIdempotencyKeyWithAnotherBodyIsAConflict() {
    String key = UUID.randomUUID().toString();
    post(CAROL, body("CREATE_GROUP", Map.of("groupName", "delta-developers")), key);
    long before = instances();

    ResponseEntity<JsonNode> other = post(CAROL, body("CREATE_GROUP", Map.of("groupName", "epsilon-developers")), key);

    assertThat(other.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(other.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(other.getBody().path("detail").asText()).contains("Idempotency-Key").contains("different body");
    assertThat(instances()).isEqualTo(before);
  }

  @Test
  void anotherCallersSameIdempotencyKeyIsAnotherRequest() {
    String key = UUID.randomUUID().toString();
    Map<String, Object> body = body("CREATE_GROUP", Map.of("groupName", "delta-developers"));

    ResponseEntity<JsonNode> carols = post(CAROL, body, key);
    ResponseEntity<JsonNode> daves = post(DAVE, body, key);

    assertThat(daves.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(daves.getBody().path("id").asText()).isNotEqualTo(carols.getBody().path("id").asText());
    assertThat(daves.getBody().path("requester").asText()).isEqualTo(DAVE);
  }

  @Test
  void concurrentRequestsWithTheSameKeyStartOneInstance() throws Exception {
    String key = UUID.randomUUID().toString();
    Map<String, Object> body = body("CREATE_GROUP", Map.of("groupName", "delta-developers"));
    long before = instances();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Callable<ResponseEntity<JsonNode>>> calls = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        calls.add(() -> post(CAROL, body, key));
      }
      Set<String> ids = new HashSet<>();
      for (Future<ResponseEntity<JsonNode>> answer : pool.invokeAll(calls)) {
        assertThat(answer.get().getStatusCode().is2xxSuccessful()).isTrue();
        ids.add(answer.get().getBody().path("id").asText());
      }
      assertThat(ids).hasSize(1);
      assertThat(instances()).isEqualTo(before + 1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aBadIdempotencyKeyIsRefused() {
    ResponseEntity<JsonNode> answer = post(CAROL, body("CREATE_GROUP", Map.of("groupName", "delta-developers")), "has spaces in it");

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getBody().path("errors").findValuesAsText("field")).containsExactly("Idempotency-Key");
  }

  // --- cancelling ----------------------------------------------------------------------------------

  @Test
  void theRequesterCancelsAPendingRequest() {
    String id = create(CAROL, "CREATE_GROUP", Map.of("groupName", "delta-developers"));
    awaitApprover(CAROL, id);

    ResponseEntity<JsonNode> cancelled = delete(CAROL, id);

    assertThat(cancelled.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(cancelled.getBody().path("status").asText()).isEqualTo("CANCELLED");
    JsonNode entry = entry(cancelled.getBody().path("timeline"), "cancelled");
    assertThat(entry.path("actor").asText()).isEqualTo(CAROL);
    assertThat(entry.path("detail").asText()).isEqualTo("Cancelled by carol@example.com");
    assertThat(historic(id).getState()).isEqualTo(HistoricProcessInstance.STATE_EXTERNALLY_TERMINATED);
    assertThat(historic(id).getDeleteReason()).isEqualTo("Cancelled by carol@example.com");
    assertThat(get(CAROL, id).getBody().path("status").asText()).isEqualTo("CANCELLED");
  }

  @Test
  void aRequestStillBeingValidatedCanBeCancelledAndMakesNoFurtherCalls() {
    JobDefinition validation = jobDefinition("validate-request");
    managementService.suspendJobDefinitionById(validation.getId()); // holds the request before validation
    String id = create(CAROL, "CREATE_GROUP", Map.of("groupName", "delta-developers"));
    assertThat(get(CAROL, id).getBody().path("status").asText()).isEqualTo("PENDING_APPROVAL");

    ResponseEntity<JsonNode> cancelled = delete(CAROL, id);
    managementService.activateJobDefinitionById(validation.getId(), true);
    calls.clear();

    assertThat(cancelled.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(cancelled.getBody().path("status").asText()).isEqualTo("CANCELLED");
    assertThat(events(cancelled.getBody().path("timeline"))).containsExactly("requested", "cancelled");
    assertThat(managementService.createJobQuery().processInstanceId(id).count()).isZero();
    assertThat(calls.calls()).as("no look-up for the cancelled request").noneMatch(c -> c.path().startsWith("/rest/api/3/group"));
  }

  @Test
  void aRequestAnOperatorSuspendedStaysSuspendedWhenItCannotBeCancelled() {
    String id = create(CAROL, "CREATE_GROUP", Map.of("groupName", "delta-developers"));
    awaitApprover(CAROL, id);
    JobDefinition provisioning = jobDefinition("create-group");
    managementService.suspendJobDefinitionById(provisioning.getId());
    decide(FRANK, id, true, "ok");
    await().atMost(WAIT).until(() -> get(CAROL, id).getBody().path("status").asText().equals("PROVISIONING"));
    runtimeService.suspendProcessInstanceById(id);

    assertThat(delete(CAROL, id).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(id).singleResult().isSuspended()).isTrue();
  }

  @Test
  void anotherUserCannotCancelOrEvenSeeARequest() {
    String id = create(CAROL, "CREATE_GROUP", Map.of("groupName", "delta-developers"));
    awaitApprover(CAROL, id);

    ResponseEntity<JsonNode> refused = delete(DAVE, id);

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(get(CAROL, id).getBody().path("status").asText()).isEqualTo("PENDING_APPROVAL");
  }

  @Test
  void anAccessAdminCancelsSomeoneElsesRequest() {
    String id = create(CAROL, "CREATE_GROUP", Map.of("groupName", "delta-developers"));
    awaitApprover(CAROL, id);

    ResponseEntity<JsonNode> cancelled = delete(FRANK, id);

    assertThat(cancelled.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(entry(cancelled.getBody().path("timeline"), "cancelled").path("actor").asText()).isEqualTo(FRANK);
    assertThat(get(CAROL, id).getBody().path("status").asText()).isEqualTo("CANCELLED");
  }

  @Test
  void aRequestThatIsNoLongerPendingCannotBeCancelled() {
    String id = create(CAROL, "CREATE_GROUP", Map.of("groupName", "delta-developers"));
    awaitApprover(CAROL, id);
    decide(FRANK, id, false, "No");
    await().atMost(WAIT).until(() -> get(CAROL, id).getBody().path("status").asText().equals("REJECTED"));

    ResponseEntity<JsonNode> refused = delete(CAROL, id);

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(refused.getBody().path("detail").asText()).contains("REJECTED").contains("PENDING_APPROVAL");
    assertThat(delete(CAROL, id).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
  }

  // --- reading and listing ---------------------------------------------------------------------------

  @Test
  void anUnknownRequestIsNotFound() {
    ResponseEntity<JsonNode> answer = get(CAROL, "no-such-request");

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(answer.getBody().path("status").asInt()).isEqualTo(404);
    assertThat(answer.getBody().path("detail").asText()).contains("no-such-request");
  }

  @Test
  void onlyTheRequesterAndAdminsSeeARequest() {
    String id = create(CAROL, "CREATE_GROUP", Map.of("groupName", "delta-developers"));

    assertThat(get(DAVE, id).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(get(ALICE, id).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(get(CAROL, id).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(get(FRANK, id).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(http.withBasicAuth("admin", "admin").getForEntity(API + "/" + id, JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(http.getForEntity(API + "/" + id, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void listsPagesNewestFirstAndOnlyOwnRequestsForNonAdmins() {
    String first = create(CAROL, "CREATE_GROUP", Map.of("groupName", "delta-developers"));
    String second = create(CAROL, "CREATE_GROUP", Map.of("groupName", "epsilon-developers"));
    String third = create(CAROL, "CREATE_GROUP", Map.of("groupName", "zeta-developers"));
    String daves = create(DAVE, "CREATE_GROUP", Map.of("groupName", "eta-developers"));

    JsonNode page0 = list(CAROL, "?mine=true&page=0&size=2");
    assertThat(page0.path("page").asInt()).isZero();
    assertThat(page0.path("size").asInt()).isEqualTo(2);
    assertThat(page0.path("total").asLong()).isGreaterThanOrEqualTo(3);
    assertThat(page0.path("items").findValuesAsText("id")).containsExactly(third, second);
    assertThat(page0.path("items").get(0).has("timeline")).isFalse();
    assertThat(list(CAROL, "?mine=true&page=1&size=2").path("items").get(0).path("id").asText()).isEqualTo(first);

    JsonNode carolsAll = list(CAROL, "?size=100");
    assertThat(carolsAll.path("items").findValuesAsText("requester")).containsOnly(CAROL);
    assertThat(carolsAll.path("items").findValuesAsText("id")).doesNotContain(daves);
    assertThat(list(FRANK, "?size=100").path("items").findValuesAsText("id")).contains(third, daves);
    assertThat(list(FRANK, "?mine=true&size=100").path("items").findValuesAsText("id")).doesNotContain(third, daves);
  }

  @Test
  void listsByStatus() {
    String pending = create(CAROL, "CREATE_GROUP", Map.of("groupName", "delta-developers"));
    String cancelled = create(CAROL, "CREATE_GROUP", Map.of("groupName", "epsilon-developers"));
    awaitApprover(CAROL, pending);
    awaitApprover(CAROL, cancelled);
    delete(CAROL, cancelled);

    JsonNode pendings = list(CAROL, "?status=PENDING_APPROVAL&size=100");
    assertThat(pendings.path("items").findValuesAsText("status")).containsOnly("PENDING_APPROVAL");
    assertThat(pendings.path("items").findValuesAsText("id")).contains(pending).doesNotContain(cancelled);
    JsonNode cancelleds = list(CAROL, "?status=CANCELLED&size=100");
    assertThat(cancelleds.path("items").findValuesAsText("status")).containsOnly("CANCELLED");
    assertThat(cancelleds.path("items").findValuesAsText("id")).contains(cancelled).doesNotContain(pending);
  }

  @Test
  void badListParametersAreNamed() {
    for (String[] bad : List.of(new String[] {"?status=DONE", "status"}, new String[] {"?page=-1", "page"},
        new String[] {"?size=0", "size"}, new String[] {"?size=1000", "size"}, new String[] {"?size=abc", "size"},
        new String[] {"?mine=perhaps", "mine"})) {
      ResponseEntity<JsonNode> answer = http.withBasicAuth(CAROL, DEMO).getForEntity(API + bad[0], JsonNode.class);
      assertThat(answer.getStatusCode()).as(bad[0]).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(answer.getHeaders().getContentType()).as(bad[0]).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
      assertThat(answer.getBody().path("errors").findValuesAsText("field")).as(bad[0]).containsExactly(bad[1]);
    }
  }

  // --- the OpenAPI description -------------------------------------------------------------------------

  @Test
  void theOpenApiDescriptionListsTheEndpointsTheHeaderAndBasicAuth() {
    ResponseEntity<JsonNode> docs = http.getForEntity("/v3/api-docs", JsonNode.class);

    assertThat(docs.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode paths = docs.getBody().path("paths");
    assertThat(paths.path(API).has("post")).isTrue();
    assertThat(paths.path(API).has("get")).isTrue();
    assertThat(paths.path(API + "/{id}").has("get")).isTrue();
    assertThat(paths.path(API + "/{id}").has("delete")).isTrue();
    assertThat(paths.path(API).path("post").path("parameters").findValuesAsText("name")).contains("Idempotency-Key");
    assertThat(paths.path(API).path("post").path("responses").has("201")).isTrue();
    assertThat(docs.getBody().path("components").path("securitySchemes").path("basicAuth").path("scheme").asText()).isEqualTo("basic");
    assertThat(docs.getBody().path("components").path("schemas").has("NewAccessRequest")).isTrue();
    assertThat(paths.has("/sandbox/atlassian/rest/api/3/myself")).isFalse();
    assertThat(http.getForEntity("/swagger-ui/index.html", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  // --- helpers -------------------------------------------------------------------------------------

  static Map<String, Object> body(String type, Map<String, Object> fields) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.putAll(fields);
    body.put("reason", "Needed for the API test");
    return body;
  }

  private String create(String requester, String type, Map<String, Object> fields) {
    ResponseEntity<JsonNode> created = post(requester, body(type, fields), null);
    assertThat(created.getStatusCode()).as("%s", created.getBody()).isEqualTo(HttpStatus.CREATED);
    return created.getBody().path("id").asText();
  }

  private ResponseEntity<JsonNode> post(String user, Map<String, Object> body, String idempotencyKey) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    if (idempotencyKey != null) {
      headers.set("Idempotency-Key", idempotencyKey);
    }
    return http.withBasicAuth(user, DEMO).postForEntity(API, new HttpEntity<>(body, headers), JsonNode.class);
  }

  private ResponseEntity<JsonNode> get(String user, String id) {
    return http.withBasicAuth(user, DEMO).getForEntity(API + "/" + id, JsonNode.class);
  }

  private ResponseEntity<JsonNode> delete(String user, String id) {
    return http.withBasicAuth(user, DEMO).exchange(API + "/" + id, HttpMethod.DELETE, null, JsonNode.class);
  }

  private JsonNode list(String user, String query) {
    ResponseEntity<JsonNode> answer = http.withBasicAuth(user, DEMO).getForEntity(API + query, JsonNode.class);
    assertThat(answer.getStatusCode()).as("%s", answer.getBody()).isEqualTo(HttpStatus.OK);
    return answer.getBody();
  }

  private JsonNode awaitApprover(String user, String id) {
    return await().atMost(WAIT).until(() -> get(user, id).getBody(), v -> v.path("approver").isObject());
  }

  /** The approver completes the task over /engine-rest, as Tasklist does. */
  private void decide(String approver, String id, boolean approved, String comment) {
    TestRestTemplate as = http.withBasicAuth(approver, DEMO);
    JsonNode task = await().atMost(WAIT).until(() -> as.getForObject("/engine-rest/task?processInstanceId=" + id, JsonNode.class),
        tasks -> tasks.size() == 1).get(0);
    ResponseEntity<String> completed = as.postForEntity("/engine-rest/task/" + task.path("id").asText() + "/complete",
        Map.of("variables", Map.of("approved", Map.of("value", approved, "type", "Boolean"),
            "decisionComment", Map.of("value", comment, "type", "String"))), String.class);
    assertThat(completed.getStatusCode()).as(completed.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
  }

  private JobDefinition jobDefinition(String activityId) {
    return managementService.createJobDefinitionQuery().processDefinitionKey(RequestVariables.PROCESS_KEY)
        .activityIdIn(activityId).singleResult();
  }

  private HistoricProcessInstance historic(String id) {
    return historyService.createHistoricProcessInstanceQuery().processInstanceId(id).singleResult();
  }

  private long instances() {
    return historyService.createHistoricProcessInstanceQuery().processDefinitionKey(RequestVariables.PROCESS_KEY).count();
  }

  private static List<String> events(JsonNode timeline) {
    List<String> events = new ArrayList<>();
    timeline.forEach(e -> events.add(e.path("event").asText()));
    return events;
  }

  private static JsonNode entry(JsonNode timeline, String event) {
    for (JsonNode entry : timeline) {
      if (entry.path("event").asText().equals(event)) {
        return entry;
      }
    }
    throw new AssertionError("no " + event + " in " + timeline);
  }

  private static Object json(JsonNode node) {
    if (node.isArray()) {
      List<Object> values = new ArrayList<>();
      node.forEach(n -> values.add(n.asText()));
      return values;
    }
    return node.asText();
  }
}
