package io.accessflow.notification;

import static io.accessflow.request.RequestVariables.APPROVED;
import static io.accessflow.request.RequestVariables.DECIDED_BY;
import static io.accessflow.request.RequestVariables.DECISION_COMMENT;
import static io.accessflow.request.RequestVariables.GROUP_NAME;
import static io.accessflow.request.RequestVariables.OUTCOME;
import static io.accessflow.request.RequestVariables.OUTCOME_MESSAGE;
import static io.accessflow.request.RequestVariables.PROJECT_KEY;
import static io.accessflow.request.RequestVariables.REASON;
import static io.accessflow.request.RequestVariables.REQUESTER;
import static io.accessflow.request.RequestVariables.REQUEST_SUMMARY;
import static io.accessflow.request.RequestVariables.REQUEST_TYPE;
import static io.accessflow.request.RequestVariables.ROLE_NAME;
import static io.accessflow.request.RequestVariables.ROUTING_REASON;
import static io.accessflow.request.RequestVariables.USER_DISPLAY_NAME;
import static io.accessflow.request.RequestVariables.USER_EMAIL;

import io.accessflow.request.RequestType;
import java.util.Map;
import java.util.Optional;

/** What the messages say about one request, read from its process variables. */
record RequestFacts(String requestId, Map<String, Object> variables) {

  RequestFacts {
    variables = Map.copyOf(variables.entrySet().stream().filter(e -> e.getValue() != null)
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
  }

  Optional<RequestType> type() {
    return RequestType.parse(text(REQUEST_TYPE));
  }

  String requester() {
    return text(REQUESTER);
  }

  /** The person the access is for; empty {@code userEmail} means the requester. */
  String userEmail() {
    String email = text(USER_EMAIL);
    return email.isEmpty() ? requester() : email;
  }

  String userName() {
    String name = text(USER_DISPLAY_NAME);
    return name.isEmpty() ? userEmail() : name;
  }

  /** The change in a few words, e.g. "Dave Newcomer → group alpha-developers". */
  String change() {
    return type().map(type -> switch (type) {
      case ADD_USER_TO_GROUP -> userName() + " → group " + text(GROUP_NAME);
      case REMOVE_USER_FROM_GROUP -> userName() + " out of group " + text(GROUP_NAME);
      case ADD_USER_TO_PROJECT_ROLE -> userName() + " → " + role();
      case REMOVE_USER_FROM_PROJECT_ROLE -> userName() + " out of " + role();
      case CREATE_USER -> "new account " + userEmail();
      case CREATE_GROUP -> "new group " + text(GROUP_NAME);
    }).orElse("access request " + requestId);
  }

  /** What the person the access is for now has (or no longer has), e.g. "group alpha-developers". */
  String access() {
    return type().map(type -> switch (type) {
      case ADD_USER_TO_GROUP, REMOVE_USER_FROM_GROUP -> "group " + text(GROUP_NAME);
      case ADD_USER_TO_PROJECT_ROLE, REMOVE_USER_FROM_PROJECT_ROLE -> role();
      case CREATE_USER -> "an Atlassian account " + userEmail();
      case CREATE_GROUP -> "group " + text(GROUP_NAME);
    }).orElse("");
  }

  /** The request in full words, as validation wrote it. */
  String summary() {
    String summary = text(REQUEST_SUMMARY);
    return summary.isEmpty() ? change() : summary;
  }

  String reason() {
    return orDash(text(REASON));
  }

  String routingReason() {
    return orDash(text(ROUTING_REASON));
  }

  Optional<Boolean> approved() {
    return variables.get(APPROVED) instanceof Boolean approved ? Optional.of(approved) : Optional.empty();
  }

  String decidedBy() {
    return text(DECIDED_BY);
  }

  String decisionComment() {
    return text(DECISION_COMMENT);
  }

  String outcome() {
    return text(OUTCOME);
  }

  String outcomeMessage() {
    return text(OUTCOME_MESSAGE);
  }

  private String role() {
    return "role " + text(ROLE_NAME) + " of " + text(PROJECT_KEY);
  }

  private String text(String name) {
    Object value = variables.get(name);
    return value == null ? "" : value.toString().trim();
  }

  private static String orDash(String text) {
    return text.isEmpty() ? "–" : text;
  }
}
