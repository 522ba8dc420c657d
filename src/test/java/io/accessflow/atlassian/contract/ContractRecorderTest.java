package io.accessflow.atlassian.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The recorder over real HTTP: what it keeps of an exchange, and that it sees responses that
 * other filters produce. A minimal web application with a stand-in endpoint replaces the app and
 * its sandbox, which are not under test here. Runs under {@link AtlassianContract} itself, so
 * the valid exchanges here also pass the extension.
 */
@ExtendWith(AtlassianContract.class)
@SpringBootTest(classes = ContractRecorderTest.StandInSandbox.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ContractRecorderTest {

  private static final String GROUP_ID = "952d12c3-5b5b-4d04-bb32-44d383afc4b2";
  private static final String BODY = "{\"accountId\":\"5b10ac8d82e05b22cc7d4ef5\"}";

  @LocalServerPort
  int port;

  @Autowired
  ContractRecorder recorder;

  // the extension clears only when the document is configured
  @BeforeEach
  void forgetEarlierExchanges() {
    recorder.clear();
  }

  @Test
  void recordsTheExchangeRelativeToTheSandboxWithoutCredentials() throws Exception {
    HttpResponse<String> response = post("/rest/api/3/group/user?groupId=" + GROUP_ID + "&groupname=jira%20developers", BODY);

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.body()).contains("jira-developers");
    Exchange exchange = recorder.exchanges().get(0);
    assertThat(exchange.method()).isEqualTo("POST");
    assertThat(exchange.path()).isEqualTo("/rest/api/3/group/user");
    assertThat(exchange.query()).isEqualTo(Map.of("groupId", List.of(GROUP_ID), "groupname", List.of("jira developers")));
    assertThat(exchange.contentType()).isEqualTo("application/json");
    assertThat(exchange.accept()).isEqualTo("application/json");
    assertThat(exchange.requestBody()).isEqualTo(BODY);
    assertThat(exchange.status()).isEqualTo(201);
    assertThat(exchange.responseContentType()).startsWith("application/json");
    assertThat(exchange.responseBody()).isEqualTo(response.body());
    assertThat(exchange.toString()).doesNotContain("secret-token");
  }

  @Test
  void recordsFaultsThatAnotherFilterInjectsBeforeTheBodyIsRead() throws Exception {
    HttpResponse<String> response = post("/rest/api/3/group/user?groupId=" + GROUP_ID, BODY, "rate-limited");

    assertThat(response.statusCode()).isEqualTo(429);
    Exchange exchange = recorder.exchanges().get(0);
    assertThat(exchange.status()).isEqualTo(429);
    assertThat(exchange.requestBody()).isEqualTo(BODY);
  }

  @Test
  void reportsAndClearsViolations() throws Exception {
    Assumptions.assumeTrue(AtlassianOpenApi.get().isPresent(), AtlassianOpenApi::notConfiguredMessage);
    post("/rest/api/3/group/user?groupId=" + GROUP_ID, BODY, "wrong");

    assertThat(recorder.violations()).singleElement().asString()
        .contains("POST /rest/api/3/group/user", "-> 201", "/users");
    assertThatThrownBy(recorder::assertValid).isInstanceOf(AssertionError.class)
        .hasMessageContaining("1 exchange(s)");
    assertThat(recorder.exchanges()).isEmpty();
  }

  @Test
  void leavesOtherPathsAlone() throws Exception {
    HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sandbox/atlassianx")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(recorder.exchanges()).isEmpty();
  }

  @Test
  void isAnAutoConfigurationOfEveryTestContext() {
    assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()))
        .contains(ContractRecorderAutoConfiguration.class.getName());
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return post(path, body, "right");
  }

  /** The answer is chosen by a header: an extra query parameter would itself be a violation. */
  private HttpResponse<String> post(String path, String body, String answer) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + ContractRecorder.PREFIX + path))
        .header("X-Answer", answer)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .header("Authorization", "Basic secret-token")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  @SpringBootConfiguration
  @ImportAutoConfiguration({
      ServletWebServerFactoryAutoConfiguration.class,
      DispatcherServletAutoConfiguration.class,
      WebMvcAutoConfiguration.class,
      HttpMessageConvertersAutoConfiguration.class,
      ContractRecorderAutoConfiguration.class})
  static class StandInSandbox {

    @Bean
    GroupEndpoint groupEndpoint() {
      return new GroupEndpoint();
    }

    /** Answers 429 without reading the request, as the sandbox's fault injection would. */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> rateLimiter() {
      FilterRegistrationBean<OncePerRequestFilter> registration =
          new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request,
                HttpServletResponse response, FilterChain chain) throws java.io.IOException,
                jakarta.servlet.ServletException {
              if ("rate-limited".equals(request.getHeader("X-Answer"))) {
                response.setStatus(429);
                response.setHeader("Retry-After", "1");
                return;
              }
              chain.doFilter(request, response);
            }
          });
      registration.addUrlPatterns(ContractRecorder.PREFIX + "/*");
      return registration;
    }
  }

  @RestController
  @RequestMapping(ContractRecorder.PREFIX + "/rest/api/3")
  static class GroupEndpoint {

    @PostMapping(path = "/group/user", produces = "application/json")
    ResponseEntity<String> addUserToGroup(@RequestParam String groupId,
        @RequestHeader("X-Answer") String answer, @RequestBody String body) {
      String users = "wrong".equals(answer) ? "\"oops\"" : "{\"size\":0,\"items\":[]}";
      return ResponseEntity.status(201).body("{\"name\":\"jira-developers\",\"groupId\":\""
          + groupId + "\",\"users\":" + users + "}");
    }
  }
}
