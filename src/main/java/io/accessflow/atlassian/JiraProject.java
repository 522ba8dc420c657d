package io.accessflow.atlassian;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A Jira project with its lead (Jira includes the lead in every project response). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JiraProject(String id, String key, String name, AtlassianUser lead) {}
