package io.accessflow.sandbox;

import io.accessflow.atlassian.AtlassianSite;
import io.accessflow.atlassian.SiteMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** The embedded sandbox as the connector's site: this app itself, under {@code /sandbox/atlassian}. */
@Component
@Conditional(SiteMode.OnSandbox.class)
class SandboxSite implements AtlassianSite {

  static final String PATH = "/sandbox/atlassian";

  private static final Logger log = LoggerFactory.getLogger(SandboxSite.class);

  private final String contextPath;
  private volatile int port = -1;

  SandboxSite(Environment environment) {
    String path = environment.getProperty("server.servlet.context-path", "");
    this.contextPath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  // The port is known only once the server runs (tests use a random one).
  @EventListener
  void onServerStarted(WebServerInitializedEvent event) {
    if (event.getApplicationContext().getServerNamespace() == null) {
      port = event.getWebServer().getPort();
    }
  }

  @EventListener(ApplicationReadyEvent.class)
  void warnLoudly() {
    log.warn("ATLASSIAN SANDBOX IN USE: no Atlassian site is configured ({} is empty); all changes go to an "
        + "in-memory demo site at {} and are lost on restart.", "ATLASSIAN_BASE_URL", baseUrl());
  }

  @Override
  public String baseUrl() {
    if (port < 0) {
      throw new IllegalStateException("The sandbox's URL is not known before the web server has started");
    }
    return "http://localhost:" + port + contextPath + PATH;
  }

  @Override
  public boolean sandbox() {
    return true;
  }
}
