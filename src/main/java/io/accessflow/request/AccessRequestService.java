package io.accessflow.request;

import static io.accessflow.request.RequestVariables.ACCOUNT_ID;
import static io.accessflow.request.RequestVariables.APPROVED;
import static io.accessflow.request.RequestVariables.APPROVER;
import static io.accessflow.request.RequestVariables.APPROVER_GROUP;
import static io.accessflow.request.RequestVariables.CANCELLED_BY;
import static io.accessflow.request.RequestVariables.GROUP_NAME;
import static io.accessflow.request.RequestVariables.OUTCOME;
import static io.accessflow.request.RequestVariables.OUTCOME_MESSAGE;
import static io.accessflow.request.RequestVariables.PROCESS_KEY;
import static io.accessflow.request.RequestVariables.PRODUCTS;
import static io.accessflow.request.RequestVariables.PROJECT_KEY;
import static io.accessflow.request.RequestVariables.REASON;
import static io.accessflow.request.RequestVariables.REQUESTER;
import static io.accessflow.request.RequestVariables.REQUEST_FINGERPRINT;
import static io.accessflow.request.RequestVariables.REQUEST_SUMMARY;
import static io.accessflow.request.RequestVariables.REQUEST_TYPE;
import static io.accessflow.request.RequestVariables.ROLE_NAME;
import static io.accessflow.request.RequestVariables.ROUTING_REASON;
import static io.accessflow.request.RequestVariables.USER_EMAIL;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.accessflow.request.AccessRequestView.Approver;
import io.accessflow.routing.RoutingProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The request API's work on the engine. Requests are started as the caller (the start event's
 * initiator records the requester); reads and cancellation run with the engine's authentication
 * cleared, because who may see or cancel a request is decided here, not by Camunda authorizations.
 */
@Service
class AccessRequestService {

  private static final Set<RequestStatus> RUNNING = Set.of(RequestStatus.PENDING_APPROVAL, RequestStatus.PROVISIONING, RequestStatus.FAILED);
  /** Same-key requests of one JVM take the same lock; 64 stripes keep unrelated keys apart. */
  private static final Object[] KEY_LOCKS = new Object[64];

  static {
    for (int i = 0; i < KEY_LOCKS.length; i++) {
      KEY_LOCKS[i] = new Object();
    }
  }

  private final RuntimeService runtimeService;
  private final HistoryService historyService;
  private final IdentityService identityService;
  private final RequestValidator validator;
  private final RoutingProperties routing;
  private final ObjectMapper json;

  AccessRequestService(RuntimeService runtimeService, HistoryService historyService, IdentityService identityService,
      RequestValidator validator, RoutingProperties routing, ObjectMapper json) {
    this.runtimeService = runtimeService;
    this.historyService = historyService;
    this.identityService = identityService;
    this.validator = validator;
    this.routing = routing;
    this.json = json;
  }

  record Created(AccessRequestView view, boolean isNew) {}

  /**
   * Checks the request (format first, then its targets in Atlassian) and starts the process; with
   * an idempotency key, a repeat of the same request returns the first one.
   */
  Created create(Caller caller, NewAccessRequest body, List<RequestError> shapeErrors, String idempotencyKey) {
    AccessRequest request = body.toAccessRequest(caller.userId());
    Set<String> fieldsWithShapeErrors = shapeErrors.stream().map(RequestError::field).collect(Collectors.toSet());
    List<RequestError> errors = new ArrayList<>(shapeErrors);
    validator.formatErrors(request).stream().filter(e -> !fieldsWithShapeErrors.contains(NewAccessRequest.apiField(e.field())))
        .forEach(errors::add);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    if (idempotencyKey == null) {
      return new Created(start(caller, request, null, null), true);
    }
    String businessKey = "idempotency:" + sha256(caller.userId() + "\n" + idempotencyKey);
    String fingerprint = fingerprint(body);
    synchronized (KEY_LOCKS[Math.floorMod(businessKey.hashCode(), KEY_LOCKS.length)]) {
      HistoricProcessInstance earlier = unchecked(() -> historyService.createHistoricProcessInstanceQuery()
          .processDefinitionKey(PROCESS_KEY).processInstanceBusinessKey(businessKey)
          .orderByProcessInstanceStartTime().asc().listPage(0, 1)).stream().findFirst().orElse(null);
      if (earlier != null) {
        Object earlierFingerprint = unchecked(() -> variables(earlier.getId())).get(REQUEST_FINGERPRINT);
        if (!fingerprint.equals(earlierFingerprint)) {
          throw new ApiException(HttpStatus.CONFLICT, "This Idempotency-Key was used for request " + earlier.getId()
              + " with a different body; use a new key for a new request, or send the same body to get that request.");
        }
        return new Created(view(caller, earlier.getId()), false);
      }
      return new Created(start(caller, request, businessKey, fingerprint), true);
    }
  }

  private AccessRequestView start(Caller caller, AccessRequest request, String businessKey, String fingerprint) {
    validator.resolve(request);
    Map<String, Object> variables = new LinkedHashMap<>();
    putIfGiven(variables, REQUEST_TYPE, request.requestType());
    putIfGiven(variables, USER_EMAIL, request.userEmail());
    putIfGiven(variables, ACCOUNT_ID, request.accountId());
    putIfGiven(variables, GROUP_NAME, request.groupName());
    putIfGiven(variables, PROJECT_KEY, request.projectKey());
    putIfGiven(variables, ROLE_NAME, request.roleName());
    putIfGiven(variables, REASON, request.reason());
    if (request.products() != null) {
      variables.put(PRODUCTS, SpinValues.jsonValue(toJson(request.products())).create());
    }
    putIfGiven(variables, REQUEST_FINGERPRINT, fingerprint);
    // started as the caller (the filter authenticated them): the initiator sets the requester
    ProcessInstance instance = runtimeService.createProcessInstanceByKey(PROCESS_KEY).businessKey(businessKey)
        .setVariables(variables).execute();
    return view(caller, instance.getId());
  }

  /** The request with its timeline, if the caller may see it. */
  AccessRequestView view(Caller caller, String id) {
    return unchecked(() -> {
      HistoricProcessInstance instance = readable(caller, id);
      Map<String, Object> variables = variables(id);
      return view(instance, variables, true);
    });
  }

  AccessRequestPage list(Caller caller, RequestStatus status, boolean mine, int page, int size) {
    return unchecked(() -> {
      HistoricProcessInstanceQuery query = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY);
      if (mine || !caller.isAdmin(routing.accessAdminsGroup())) {
        query.startedBy(caller.userId());
      }
      if (status == null || !RUNNING.contains(status)) {
        if (status != null) {
          filterEnded(query, status);
        }
        query.orderByProcessInstanceStartTime().desc();
        long total = query.count();
        List<AccessRequestView> items = query.listPage(page * size, size).stream()
            .map(i -> view(i, variables(i.getId()), false)).toList();
        return new AccessRequestPage(items, page, size, total);
      }
      // the running statuses depend on variables and incidents together: judged here, one by one
      List<AccessRequestView> matching = query.unfinished().orderByProcessInstanceStartTime().desc().list().stream()
          .map(i -> view(i, variables(i.getId()), false)).filter(v -> v.status() == status).toList();
      int from = Math.min(page * size, matching.size());
      return new AccessRequestPage(matching.subList(from, Math.min(from + size, matching.size())), page, size, matching.size());
    });
  }

  private static void filterEnded(HistoricProcessInstanceQuery query, RequestStatus status) {
    switch (status) {
      case CANCELLED -> query.externallyTerminated();
      case COMPLETED -> query.completed().variableValueNotEquals(OUTCOME, Outcome.REJECTED.name())
          .variableValueNotEquals(OUTCOME, Outcome.INVALID.name()).variableValueNotEquals(OUTCOME, Outcome.EXPIRED.name());
      case EXPIRED -> query.completed().variableValueEquals(OUTCOME, Outcome.EXPIRED.name());
      case REJECTED -> query.completed().variableValueEquals(OUTCOME, Outcome.REJECTED.name());
      case INVALID -> query.completed().variableValueEquals(OUTCOME, Outcome.INVALID.name());
      default -> throw new IllegalArgumentException(status.name());
    }
  }

  /**
   * Cancels a request still waiting for its decision; the process's history records who did. The
   * instance is suspended first, so that neither a decision nor a job can move it while its status
   * is checked again and it is deleted.
   */
  AccessRequestView cancel(Caller caller, String id) {
    unchecked(() -> {
      HistoricProcessInstance instance = readable(caller, id);
      requirePending(view(instance, variables(id), false).status());
      // one an operator suspended stays suspended if it is not cancelled
      boolean suspendedHere = !runtimeService.createProcessInstanceQuery().processInstanceId(id).singleResult().isSuspended();
      try {
        if (suspendedHere) {
          runtimeService.suspendProcessInstanceById(id);
        }
      } catch (OptimisticLockingException e) {
        throw changedMeanwhile();
      }
      boolean deleted = false;
      try {
        requirePending(view(readable(caller, id), variables(id), false).status());
        runtimeService.setVariable(id, CANCELLED_BY, caller.userId());
        // externally terminated, as Cockpit's cancel: history says why, and the variable who
        runtimeService.deleteProcessInstance(id, "Cancelled by " + caller.userId(), false, true);
        deleted = true;
      } catch (OptimisticLockingException e) {
        throw changedMeanwhile();
      } finally {
        if (!deleted && suspendedHere) {
          runtimeService.activateProcessInstanceById(id);
        }
      }
      return null;
    });
    return view(caller, id);
  }

  private static void requirePending(RequestStatus status) {
    if (status != RequestStatus.PENDING_APPROVAL) {
      throw new ApiException(HttpStatus.CONFLICT, "The request is " + status + "; only a request that is "
          + RequestStatus.PENDING_APPROVAL + " can be cancelled.");
    }
  }

  private static ApiException changedMeanwhile() {
    return new ApiException(HttpStatus.CONFLICT, "The request changed while it was being cancelled; read it again and retry.");
  }

  private HistoricProcessInstance readable(Caller caller, String id) {
    HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(PROCESS_KEY).processInstanceId(id).singleResult();
    if (instance == null || !(caller.isAdmin(routing.accessAdminsGroup()) || caller.userId().equals(instance.getStartUserId()))) {
      throw ApiException.notFound(id);
    }
    return instance;
  }

  private AccessRequestView view(HistoricProcessInstance instance, Map<String, Object> variables, boolean withTimeline) {
    String id = instance.getId();
    boolean openIncident = runtimeService.createIncidentQuery().processInstanceId(id).count() > 0;
    Object approver = variables.get(APPROVER);
    Object approverGroup = variables.get(APPROVER_GROUP);
    Approver routed = approver == null && approverGroup == null ? null
        : new Approver(string(approver), string(approverGroup), string(variables.get(ROUTING_REASON)));
    List<String> products;
    try {
      products = AccessRequest.products(variables.get(PRODUCTS));
    } catch (InvalidRequestException e) {
      products = null;
    }
    Object requester = variables.getOrDefault(REQUESTER, instance.getStartUserId());
    return new AccessRequestView(id, status(instance, variables, openIncident), string(variables.get(REQUEST_TYPE)),
        string(requester), string(variables.get(USER_EMAIL)), string(variables.get(ACCOUNT_ID)),
        string(variables.get(GROUP_NAME)), string(variables.get(PROJECT_KEY)), string(variables.get(ROLE_NAME)), products,
        string(variables.get(REASON)), string(variables.get(REQUEST_SUMMARY)), routed, string(variables.get(OUTCOME)),
        string(variables.get(OUTCOME_MESSAGE)), Timeline.instant(instance.getStartTime()), Timeline.instant(instance.getEndTime()),
        withTimeline ? Timeline.of(instance, variables,
            historyService.createHistoricActivityInstanceQuery().processInstanceId(id)
                .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().list(),
            historyService.createHistoricIncidentQuery().processInstanceId(id).list(),
            historyService.createHistoricDetailQuery().processInstanceId(id).variableUpdates().disableBinaryFetching().list()) : null);
  }

  static RequestStatus status(HistoricProcessInstance instance, Map<String, Object> variables, boolean openIncident) {
    if (Timeline.isCancelled(instance)) {
      return RequestStatus.CANCELLED;
    }
    if (instance.getEndTime() != null) {
      Object outcome = variables.get(OUTCOME);
      if (Outcome.REJECTED.name().equals(outcome)) {
        return RequestStatus.REJECTED;
      }
      if (Outcome.EXPIRED.name().equals(outcome)) {
        return RequestStatus.EXPIRED;
      }
      return Outcome.INVALID.name().equals(outcome) ? RequestStatus.INVALID : RequestStatus.COMPLETED;
    }
    if (openIncident) {
      return RequestStatus.FAILED;
    }
    return Boolean.TRUE.equals(variables.get(APPROVED)) ? RequestStatus.PROVISIONING : RequestStatus.PENDING_APPROVAL;
  }

  /** The process-level variables by name (values of a sub-scope, if any, do not hide them). */
  private Map<String, Object> variables(String processInstanceId) {
    Map<String, Object> variables = new HashMap<>();
    for (HistoricVariableInstance variable : historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(processInstanceId).disableBinaryFetching().list()) {
      boolean processScope = Objects.equals(variable.getActivityInstanceId(), processInstanceId);
      if (processScope || !variables.containsKey(variable.getName())) {
        variables.put(variable.getName(), variable.getValue());
      }
    }
    return variables;
  }

  /**
   * Runs engine calls with the engine's authentication cleared, so Camunda authorizations (when
   * enabled) do not hide what this service has decided the caller may see; restored afterwards.
   */
  private <T> T unchecked(Supplier<T> work) {
    var saved = identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      return work.get();
    } finally {
      if (saved != null) {
        identityService.setAuthentication(saved);
      }
    }
  }

  /** Of the request as given, so a repeated key with another body is told apart. */
  private String fingerprint(NewAccessRequest body) {
    return sha256(toJson(body));
  }

  private String toJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new ProcessEngineException("Cannot write JSON", e);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  private static void putIfGiven(Map<String, Object> variables, String name, Object value) {
    if (value != null) {
      variables.put(name, value);
    }
  }

  private static String string(Object value) {
    return value == null ? null : value.toString();
  }
}
