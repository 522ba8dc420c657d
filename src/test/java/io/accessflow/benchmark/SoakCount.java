package io.accessflow.benchmark;

import io.accessflow.sandbox.SandboxCall;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a fault soak counts. Completed: ended as provisioned (or found already in place). Lost: not
 * ended, or ended any other way. Doubled: group creations that got past the sandbox's fault
 * injection, beyond the groups that exist; the requests' group names are distinct, so each may
 * reach the store once.
 */
record SoakCount(int requests, long completed, long lost, long doubled, long groupsCreated, long ended, long incidentsLeft,
    long injectedFaults) {

  static final String CREATE_GROUP = "/rest/api/3/group";
  /** Faults the sandbox injects before a call reaches its store. */
  static final Set<Integer> INJECTED = Set.of(429, 500, 503);

  /**
   * @param outcomes each request's {@code outcome} variable, for those that have one
   * @param calls every call the sandbox answered during the soak
   * @param groupsCreated the soak's groups that exist in the sandbox afterwards
   */
  static SoakCount of(Collection<String> ids, Map<String, Object> outcomes, long ended, List<SandboxCall> calls, long groupsCreated,
      long incidentsLeft) {
    long completed = ids.stream().map(outcomes::get)
        .filter(outcome -> "PROVISIONED".equals(outcome) || "ALREADY_IN_PLACE".equals(outcome)).count();
    long reachedStore = calls.stream()
        .filter(c -> c.method().equals("POST") && c.path().equals(CREATE_GROUP) && !INJECTED.contains(c.status())).count();
    long injected = calls.stream().filter(c -> INJECTED.contains(c.status())).count();
    return new SoakCount(ids.size(), completed, ids.size() - completed, Math.max(0, reachedStore - groupsCreated), groupsCreated,
        ended, incidentsLeft, injected);
  }

  /** The soak's verdict: every request completed, none lost, no change made twice. */
  boolean passed() {
    return completed == requests && lost == 0 && doubled == 0;
  }

  Map<String, Object> toMap() {
    Map<String, Object> soak = new LinkedHashMap<>();
    soak.put("requests", requests);
    soak.put("completed", completed);
    soak.put("lost", lost);
    soak.put("doubled", doubled);
    soak.put("groupsCreated", groupsCreated);
    soak.put("ended", ended);
    soak.put("incidentsLeft", incidentsLeft);
    soak.put("injectedFaults", injectedFaults);
    soak.put("passed", passed());
    return soak;
  }
}
