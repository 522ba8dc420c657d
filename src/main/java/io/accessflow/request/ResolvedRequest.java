package io.accessflow.request;

import java.util.List;

/**
 * A valid request with its targets resolved in Atlassian, and the state they are in now.
 *
 * @param summary who asks what for whom, in words
 * @param currentState the state the request would change, in words (e.g. "Dave Newcomer is not in alpha-developers")
 * @param alreadyInPlace true when the state already is what the request asks for
 */
public record ResolvedRequest(RequestType type, String accountId, String userEmail, String userDisplayName,
    String groupId, String groupName, String projectKey, String projectName, Long roleId, String roleName,
    List<String> products, String summary, String currentState, boolean alreadyInPlace) {}
