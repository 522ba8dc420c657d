package io.accessflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.accessflow.RealSiteTest;
import io.accessflow.atlassian.AtlassianSite;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** With a real site configured the sandbox must not exist at all: no beans, no endpoints. */
@RealSiteTest
class SandboxAbsentWithRealSiteTest {

  @LocalServerPort
  int port;

  @Autowired
  ApplicationContext context;

  @Test
  void hasNoSandboxBeans() {
    for (Class<?> type : new Class<?>[] {SandboxStore.class, SandboxSite.class, SandboxFaults.class, SandboxCallLog.class,
        SandboxJson.class, SandboxAccountsController.class, SandboxProjectsController.class, SandboxErrors.class,
        SandboxConfiguration.class}) {
      assertThat(context.getBeanNamesForType(type)).as(type.getSimpleName()).isEmpty();
    }
    assertThat(context.getBeansOfType(AtlassianSite.class).values()).noneMatch(AtlassianSite::sandbox);
  }

  @Test
  void sandboxPathsAre404() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sandbox/atlassian/rest/api/3/myself"))
            .header("Authorization", SandboxHttp.basic(SandboxProperties.ADMIN_EMAIL, SandboxProperties.DEFAULT_API_TOKEN))
            .build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(404);
  }
}
