package io.accessflow.notification;

import io.accessflow.notification.Notification.Recipient;
import io.accessflow.request.RequestType;
import io.accessflow.security.SeparationOfDuties;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells people about an access request; called from the model, e.g.
 * {@code ${notifications.approvalAssigned(task)}} in a task listener of "Approve access request" or
 * {@code ${notifications.requestCompleted(execution)}} in an execution listener of an end event.
 * Each method also takes an id (task id, process instance id) for callers outside the engine.
 *
 * <p>Approvers get one message each, addressed to them alone: the assignee, else every member of
 * the candidate groups and every candidate user, less those who may not decide (the requester, the
 * person the request is for). Notifications never fail the process: a problem is logged as a
 * warning and the process goes on. Messages leave after the engine's transaction commits.
 */
@Component("notifications")
public class Notifications {

  private static final Logger log = LoggerFactory.getLogger(Notifications.class);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final TaskService taskService;
  private final RuntimeService runtimeService;
  private final HistoryService historyService;
  private final IdentityService identityService;
  private final Recipients recipients;
  private final SeparationOfDuties separationOfDuties;
  private final NotificationSender sender;
  private final NotificationProperties properties;

  Notifications(TaskService taskService, RuntimeService runtimeService, HistoryService historyService,
      IdentityService identityService, Recipients recipients, SeparationOfDuties separationOfDuties,
      NotificationSender sender, NotificationProperties properties) {
    this.taskService = taskService;
    this.runtimeService = runtimeService;
    this.historyService = historyService;
    this.identityService = identityService;
    this.recipients = recipients;
    this.separationOfDuties = separationOfDuties;
    this.sender = sender;
    this.properties = properties;
  }

  // --- approvers --------------------------------------------------------------------------------

  /** To the approver(s) of a new approval task. */
  public void approvalAssigned(DelegateTask task) {
    notify(NotificationKind.APPROVAL_ASSIGNED, task.getProcessInstanceId(), () -> approval(NotificationKind.APPROVAL_ASSIGNED, ApprovalTask.of(task)));
  }

  public void approvalAssigned(String taskId) {
    notify(NotificationKind.APPROVAL_ASSIGNED, taskId, () -> approval(NotificationKind.APPROVAL_ASSIGNED, loadTask(taskId)));
  }

  /** To the approver(s) of a task still open, e.g. from a timeout task listener. */
  public void approvalReminder(DelegateTask task) {
    notify(NotificationKind.APPROVAL_REMINDER, task.getProcessInstanceId(), () -> approval(NotificationKind.APPROVAL_REMINDER, ApprovalTask.of(task)));
  }

  public void approvalReminder(String taskId) {
    notify(NotificationKind.APPROVAL_REMINDER, taskId, () -> approval(NotificationKind.APPROVAL_REMINDER, loadTask(taskId)));
  }

  /** To the approver(s) a task was escalated to (call it after the reassignment). */
  public void approvalEscalated(DelegateTask task) {
    notify(NotificationKind.APPROVAL_ESCALATED, task.getProcessInstanceId(), () -> approval(NotificationKind.APPROVAL_ESCALATED, ApprovalTask.of(task)));
  }

  public void approvalEscalated(String taskId) {
    notify(NotificationKind.APPROVAL_ESCALATED, taskId, () -> approval(NotificationKind.APPROVAL_ESCALATED, loadTask(taskId)));
  }

  // --- the requester ----------------------------------------------------------------------------

  /** To the requester: approved or rejected, by whom, with the comment. */
  public void requestDecided(DelegateExecution execution) {
    notify(NotificationKind.REQUEST_DECIDED, execution.getProcessInstanceId(), () -> decided(facts(execution)));
  }

  /** The same from a task listener on "complete" of the approval task, after the decision is recorded. */
  public void requestDecided(DelegateTask task) {
    notify(NotificationKind.REQUEST_DECIDED, task.getProcessInstanceId(),
        () -> decided(new RequestFacts(task.getProcessInstanceId(), task.getVariables())));
  }

  public void requestDecided(String processInstanceId) {
    notify(NotificationKind.REQUEST_DECIDED, processInstanceId, () -> decided(facts(processInstanceId)));
  }

  /** To the requester: how the request ended ({@code outcome}, {@code outcomeMessage}). */
  public void requestCompleted(DelegateExecution execution) {
    notify(NotificationKind.REQUEST_COMPLETED, execution.getProcessInstanceId(), () -> completed(facts(execution)));
  }

  public void requestCompleted(String processInstanceId) {
    notify(NotificationKind.REQUEST_COMPLETED, processInstanceId, () -> completed(facts(processInstanceId)));
  }

  /**
   * To the requester: a step failed all its retries. Incidents call this by themselves
   * ({@link IncidentNotifications}); the model need not.
   */
  public void requestFailed(DelegateExecution execution) {
    notify(NotificationKind.REQUEST_FAILED, execution.getProcessInstanceId(),
        () -> failed(facts(execution), execution.getCurrentActivityName()));
  }

  public void requestFailed(String processInstanceId) {
    requestFailed(processInstanceId, null);
  }

  void requestFailed(String processInstanceId, String step) {
    notify(NotificationKind.REQUEST_FAILED, processInstanceId, () -> failed(facts(processInstanceId), step));
  }

  /** To the requester: nobody decided in time. */
  public void requestExpired(DelegateExecution execution) {
    notify(NotificationKind.REQUEST_EXPIRED, execution.getProcessInstanceId(), () -> expired(facts(execution)));
  }

  public void requestExpired(String processInstanceId) {
    notify(NotificationKind.REQUEST_EXPIRED, processInstanceId, () -> expired(facts(processInstanceId)));
  }

  // --- the person the access is for -------------------------------------------------------------

  /**
   * To the person the access is for ({@code userEmail}) when a membership, a role or a new account
   * was provisioned ({@code outcome} PROVISIONED): granted for ADD_* and CREATE_USER, removed for
   * REMOVE_*. Nothing for other outcomes or for CREATE_GROUP.
   */
  public void accessChanged(DelegateExecution execution) {
    notify(NotificationKind.ACCESS_GRANTED, execution.getProcessInstanceId(), () -> accessChanged(facts(execution)));
  }

  public void accessChanged(String processInstanceId) {
    notify(NotificationKind.ACCESS_GRANTED, processInstanceId, () -> accessChanged(facts(processInstanceId)));
  }

  // --- building the messages --------------------------------------------------------------------

  private List<Notification> approval(NotificationKind kind, Optional<ApprovalTask> found) {
    if (found.isEmpty()) {
      return List.of();
    }
    ApprovalTask task = found.get();
    RequestFacts request = task.request();
    String link = properties.taskLink(task.id());
    String requesterName = recipients.name(request.requester());
    List<Notification> notifications = new ArrayList<>();
    for (Approver approver : approvers(task)) {
      Recipient to = approver.recipient();
      String why = approver.group() == null ? ""
          : "You are in the group " + approver.group() + ": any member may decide, the first decision counts.\n";
      String when = switch (kind) {
        case APPROVAL_REMINDER -> "It has been waiting for a decision since " + TIME.format(task.created().toInstant()) + ".\n\n";
        case APPROVAL_ESCALATED -> "It waited too long for a decision and was escalated to you.\n\n";
        default -> "";
      };
      String subject = switch (kind) {
        case APPROVAL_REMINDER -> "Reminder, please decide: ";
        case APPROVAL_ESCALATED -> "Escalated, please decide: ";
        default -> "Please decide: ";
      } + request.change();
      String body = "Hello " + to.displayName() + ",\n\n"
          + requesterName + " (" + request.requester() + ") asks for access and you can decide:\n\n"
          + "  " + request.change() + "\n"
          + "  " + request.summary() + "\n\n"
          + when
          + "Reason: " + request.reason() + "\n"
          + "Why you: " + request.routingReason() + "\n"
          + why + "\n"
          + "Decide in Tasklist: " + link + "\n\n"
          + footer(request);
      notifications.add(new Notification(to, kind, subject, body, request.requestId(), Optional.of(link)));
    }
    return notifications;
  }

  /** The assignee; else each candidate user and each member of each candidate group, once. */
  private List<Approver> approvers(ApprovalTask task) {
    if (task.assignee() != null) {
      return recipients.user(task.assignee()).map(r -> List.of(new Approver(r, null))).orElse(List.of());
    }
    Map<String, Approver> approvers = new LinkedHashMap<>();
    task.candidateUsers().forEach(userId -> recipients.user(userId).ifPresent(r -> approvers.putIfAbsent(userId, new Approver(r, null))));
    for (String group : task.candidateGroups()) {
      recipients.members(group).forEach(r -> approvers.putIfAbsent(r.userId(), new Approver(r, group)));
    }
    approvers.keySet().removeIf(userId -> {
      Optional<String> refusal = separationOfDuties.refusal(userId, task.request().variables());
      refusal.ifPresent(reason -> log.debug("Not notifying {} of request {}: {}", userId, task.request().requestId(), reason));
      return refusal.isPresent();
    });
    return List.copyOf(approvers.values());
  }

  private List<Notification> decided(RequestFacts request) {
    Optional<Boolean> approved = request.approved();
    if (approved.isEmpty()) {
      log.debug("Request {} has no decision yet: requester not notified", request.requestId());
      return List.of();
    }
    String verb = approved.get() ? "approved" : "rejected";
    String comment = request.decisionComment().isEmpty() ? "" : "Comment: " + request.decisionComment() + "\n\n";
    String next = approved.get() ? "accessflow makes the change now; you will hear when it is done.\n\n"
        : "Nothing was changed.\n\n";
    return toRequester(request, NotificationKind.REQUEST_DECIDED, (approved.get() ? "Approved: " : "Rejected: ") + request.change(),
        recipients.name(request.decidedBy()) + " " + verb + " your access request:\n\n"
            + "  " + request.summary() + "\n\n" + comment + next);
  }

  private List<Notification> completed(RequestFacts request) {
    String prefix = switch (request.outcome()) {
      case "PROVISIONED" -> "Done: ";
      case "ALREADY_IN_PLACE" -> "Nothing to do: ";
      case "REJECTED" -> "Rejected: ";
      case "INVALID" -> "Not possible: ";
      default -> "Ended: ";
    };
    return toRequester(request, NotificationKind.REQUEST_COMPLETED, prefix + request.change(),
        "Your access request has ended:\n\n  " + request.summary() + "\n\n" + outcome(request));
  }

  private List<Notification> failed(RequestFacts request, String step) {
    String where = step == null || step.isBlank() ? "A step" : "The step \"" + step + "\"";
    return toRequester(request, NotificationKind.REQUEST_FAILED, "Stuck: " + request.change(),
        where + " of your access request failed after all its retries:\n\n  " + request.summary() + "\n\n"
            + "The operators see it as an incident in Cockpit and can retry it; you need not ask again.\n\n"
            + outcome(request));
  }

  private List<Notification> expired(RequestFacts request) {
    return toRequester(request, NotificationKind.REQUEST_EXPIRED, "Expired: " + request.change(),
        "Nobody decided your access request in time, so it ended without a change:\n\n  " + request.summary() + "\n\n"
            + "Ask again if you still need it.\n\n" + outcome(request));
  }

  private List<Notification> accessChanged(RequestFacts request) {
    Optional<RequestType> type = request.type();
    if (type.isEmpty() || type.get() == RequestType.CREATE_GROUP || !"PROVISIONED".equals(request.outcome())) {
      log.debug("Request {} changed nobody's access: nobody notified", request.requestId());
      return List.of();
    }
    boolean removed = type.get().isRemoval();
    NotificationKind kind = removed ? NotificationKind.ACCESS_REMOVED : NotificationKind.ACCESS_GRANTED;
    Optional<Recipient> person = recipients.byEmail(request.userEmail(), request.userName());
    if (person.isEmpty()) {
      log.debug("Request {}: the person it is for has no email address: not notified", request.requestId());
      return List.of();
    }
    String asked = "as " + recipients.name(request.requester()) + " asked"
        + (request.decidedBy().isEmpty() ? "" : " and " + recipients.name(request.decidedBy()) + " approved") + ".\n\n";
    String subject;
    String what;
    if (type.get() == RequestType.CREATE_USER) {
      subject = "Your Atlassian account was created: " + request.userEmail();
      what = "An Atlassian account was created for you (" + request.userEmail() + "), " + asked;
    } else if (removed) {
      subject = "Access removed: " + request.access();
      what = "You no longer have " + request.access() + " in Atlassian, " + asked;
    } else {
      subject = "Access granted: " + request.access();
      what = "You now have " + request.access() + " in Atlassian, " + asked;
    }
    String body = "Hello " + person.get().displayName() + ",\n\n" + what
        + (request.outcomeMessage().isEmpty() ? "" : request.outcomeMessage() + "\n\n") + footer(request);
    return List.of(new Notification(person.get(), kind, subject, body, request.requestId(), Optional.empty()));
  }

  private List<Notification> toRequester(RequestFacts request, NotificationKind kind, String subject, String text) {
    Optional<Recipient> requester = recipients.user(request.requester());
    if (requester.isEmpty()) {
      log.debug("Request {}: no requester with an email address: not notified", request.requestId());
      return List.of();
    }
    String body = "Hello " + requester.get().displayName() + ",\n\n" + text + footer(request);
    return List.of(new Notification(requester.get(), kind, subject, body, request.requestId(), Optional.empty()));
  }

  private static String outcome(RequestFacts request) {
    if (request.outcome().isEmpty() && request.outcomeMessage().isEmpty()) {
      return "";
    }
    return "Outcome: " + (request.outcome().isEmpty() ? "–" : request.outcome()) + "\n"
        + (request.outcomeMessage().isEmpty() ? "" : request.outcomeMessage() + "\n") + "\n";
  }

  private static String footer(RequestFacts request) {
    return "Request " + request.requestId() + "\n-- \naccessflow\n";
  }

  // --- reading the engine -----------------------------------------------------------------------

  /**
   * Builds and sends without the current user's authentication: whoever triggered the
   * notification (an approver completing a task) may not read the other people's profiles or the
   * request's variables. The authentication is restored after. Never throws.
   */
  private void notify(NotificationKind kind, String reference, Supplier<List<Notification>> build) {
    var current = identityService.getCurrentAuthentication();
    try {
      identityService.clearAuthentication();
      sender.send(build.get());
    } catch (RuntimeException e) {
      log.warn("Could not notify about {} ({}): {}", reference, kind, e.toString());
    } finally {
      if (current != null) {
        identityService.setAuthentication(current);
      }
    }
  }

  private Optional<ApprovalTask> loadTask(String taskId) {
    Task task = taskService.createTaskQuery().taskId(taskId).singleResult();
    if (task == null) {
      log.warn("No open task {}: approvers not notified", taskId);
      return Optional.empty();
    }
    List<IdentityLink> candidates = taskService.getIdentityLinksForTask(taskId).stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType())).toList();
    return Optional.of(new ApprovalTask(task.getId(), task.getAssignee(), users(candidates), groups(candidates),
        task.getCreateTime(), new RequestFacts(task.getProcessInstanceId(), taskService.getVariables(taskId))));
  }

  private static RequestFacts facts(DelegateExecution execution) {
    return new RequestFacts(execution.getProcessInstanceId(), execution.getVariables());
  }

  /** The running instance's variables, else (it ended) the last values in history. */
  private RequestFacts facts(String processInstanceId) {
    if (runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0) {
      return new RequestFacts(processInstanceId, runtimeService.getVariables(processInstanceId));
    }
    Map<String, Object> variables = new HashMap<>();
    List<HistoricVariableInstance> history = historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(processInstanceId).list();
    // the instance's own variables win over local ones of the same name in inner scopes
    history.stream().filter(v -> !processInstanceId.equals(v.getExecutionId())).forEach(v -> variables.put(v.getName(), v.getValue()));
    history.stream().filter(v -> processInstanceId.equals(v.getExecutionId())).forEach(v -> variables.put(v.getName(), v.getValue()));
    return new RequestFacts(processInstanceId, variables);
  }

  private static List<String> users(java.util.Collection<IdentityLink> links) {
    return links.stream().map(IdentityLink::getUserId).filter(id -> id != null).toList();
  }

  private static List<String> groups(java.util.Collection<IdentityLink> links) {
    return links.stream().map(IdentityLink::getGroupId).filter(id -> id != null).toList();
  }

  /** An approval task, read from a listener's {@link DelegateTask} or by id. */
  private record ApprovalTask(String id, String assignee, List<String> candidateUsers, List<String> candidateGroups,
      Date created, RequestFacts request) {

    static Optional<ApprovalTask> of(DelegateTask task) {
      var candidates = task.getCandidates().stream().filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType())).toList();
      return Optional.of(new ApprovalTask(task.getId(), task.getAssignee(), users(candidates), groups(candidates),
          task.getCreateTime() == null ? new Date() : task.getCreateTime(),
          new RequestFacts(task.getProcessInstanceId(), task.getVariables())));
    }
  }

  /** One person to write to; {@code group} is the candidate group they are reached through, if any. */
  private record Approver(Recipient recipient, String group) {}
}
