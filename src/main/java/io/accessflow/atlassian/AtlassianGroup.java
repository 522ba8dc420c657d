package io.accessflow.atlassian;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A site-wide group; {@code groupId} is the stable identifier, names can be changed by admins. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AtlassianGroup(String groupId, String name) {}
