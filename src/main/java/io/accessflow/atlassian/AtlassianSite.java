package io.accessflow.atlassian;

/** Where the connector sends its calls: the configured site, or the embedded sandbox. */
public interface AtlassianSite {

  /** Base URL without a trailing slash, e.g. {@code https://yourcompany.atlassian.net}. */
  String baseUrl();

  /** True when this is the embedded sandbox, not a real Atlassian site. */
  boolean sandbox();
}
