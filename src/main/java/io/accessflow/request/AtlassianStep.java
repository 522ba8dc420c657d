package io.accessflow.request;

import io.accessflow.atlassian.AtlassianException;
import java.time.Duration;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * A service task that calls Atlassian. When Atlassian asks to slow down, the step ends with the
 * BPMN error {@value RequestVariables#ERROR_RATE_LIMITED} and sets {@code retryAfter}; the model
 * waits on a timer for that long and tries again, so no job-executor thread sleeps and no retry
 * is used up. Other failures throw: the job is retried, then an incident shows in Cockpit.
 */
public abstract class AtlassianStep implements JavaDelegate {

  /** Retry-After is in whole seconds; never try again sooner than this. */
  static final Duration MINIMUM_WAIT = Duration.ofSeconds(1);

  @Override
  public final void execute(DelegateExecution execution) {
    try {
      run(execution);
    } catch (AtlassianException.RateLimited e) {
      Duration wait = e.retryAfter().compareTo(MINIMUM_WAIT) < 0 ? MINIMUM_WAIT : e.retryAfter();
      execution.setVariable(RequestVariables.RETRY_AFTER, wait.toString());
      throw new BpmnError(RequestVariables.ERROR_RATE_LIMITED, e.getMessage());
    }
  }

  protected abstract void run(DelegateExecution execution);

  /** Ends the request as invalid, with a reason a person understands. */
  protected static BpmnError invalid(String reason) {
    return new BpmnError(RequestVariables.ERROR_REQUEST_INVALID, reason);
  }
}
