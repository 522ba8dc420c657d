package io.accessflow.sandbox;

import java.time.Instant;

/**
 * One call the sandbox answered.
 *
 * @param path relative to {@code /sandbox/atlassian}, e.g. {@code /rest/api/3/group/user}
 * @param query the raw query string, null if there was none
 * @param status the final status, including injected faults and authentication failures
 */
public record SandboxCall(Instant at, String method, String path, String query, int status) {}
