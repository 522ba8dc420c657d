package io.accessflow.provisioning;

import io.accessflow.atlassian.AtlassianClient;
import io.accessflow.atlassian.AtlassianException;
import io.accessflow.atlassian.AtlassianOperations;
import io.accessflow.atlassian.Change;
import io.accessflow.request.AtlassianStep;
import io.accessflow.request.Outcome;
import io.accessflow.request.Outcomes;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * One provisioning service task: make the change through an idempotent operation (jobs run at
 * least once), read the state back, and fail, so the job is retried, when it is not as intended.
 * A target that vanished since approval ends the request as invalid.
 */
abstract class ProvisioningDelegate extends AtlassianStep {

  final AtlassianOperations operations;
  final AtlassianClient atlassian;

  ProvisioningDelegate(AtlassianOperations operations, AtlassianClient atlassian) {
    this.operations = operations;
    this.atlassian = atlassian;
  }

  @Override
  protected final void run(DelegateExecution execution) {
    Change change;
    try {
      change = provision(execution);
    } catch (AtlassianException.NotFound e) {
      throw invalid("The request can no longer be carried out: " + e.getMessage());
    }
    if (!inPlace(execution)) {
      throw new IllegalStateException("Read back after the change: not in place yet, " + state(execution));
    }
    Outcomes.record(execution, change == Change.MADE ? Outcome.PROVISIONED : Outcome.ALREADY_IN_PLACE,
        (change == Change.MADE ? "Done: " : "Already in place, nothing changed: ") + state(execution) + ".");
  }

  /** Makes the change; reports whether anything had to change. */
  abstract Change provision(DelegateExecution execution);

  /** Reads the state back from Atlassian. */
  abstract boolean inPlace(DelegateExecution execution);

  /** The intended state in words, e.g. "Dave Newcomer is in alpha-developers". */
  abstract String state(DelegateExecution execution);

  static String string(DelegateExecution execution, String name) {
    Object value = execution.getVariable(name);
    return value == null ? null : value.toString();
  }

  static long number(DelegateExecution execution, String name) {
    return ((Number) execution.getVariable(name)).longValue();
  }
}
