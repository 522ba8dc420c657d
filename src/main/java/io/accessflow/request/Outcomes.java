package io.accessflow.request;

import static io.accessflow.request.RequestVariables.CURRENT_STATE;
import static io.accessflow.request.RequestVariables.DECIDED_BY;
import static io.accessflow.request.RequestVariables.DECISION_COMMENT;
import static io.accessflow.request.RequestVariables.OUTCOME;
import static io.accessflow.request.RequestVariables.OUTCOME_MESSAGE;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Records how a request ended; called from the end events of the model, e.g.
 * {@code ${outcomes.rejected(execution)}}.
 */
@Component("outcomes")
public class Outcomes {

  public static void record(DelegateExecution execution, Outcome outcome, String message) {
    execution.setVariable(OUTCOME, outcome.name());
    execution.setVariable(OUTCOME_MESSAGE, message);
  }

  /** The validation's error message is already in {@code outcomeMessage}. */
  public void invalid(DelegateExecution execution) {
    execution.setVariable(OUTCOME, Outcome.INVALID.name());
  }

  public void alreadyInPlace(DelegateExecution execution) {
    record(execution, Outcome.ALREADY_IN_PLACE, "Nothing to do: " + execution.getVariable(CURRENT_STATE) + ".");
  }

  public void expired(DelegateExecution execution, String expiry) {
    record(execution, Outcome.EXPIRED, "Expired: nobody decided within " + expiry + ".");
  }

  public void rejected(DelegateExecution execution) {
    Object comment = execution.getVariable(DECISION_COMMENT);
    record(execution, Outcome.REJECTED, "Rejected by " + execution.getVariable(DECIDED_BY)
        + (comment == null || comment.toString().isBlank() ? "." : ": " + comment));
  }
}
