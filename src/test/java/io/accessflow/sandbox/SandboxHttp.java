package io.accessflow.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Real HTTP calls to the sandbox, as a given seeded user (or with a raw Authorization header). */
final class SandboxHttp {

  static final String ADMIN = "admin@example.com";
  static final String FRANK = "frank@example.com";
  static final String ALICE = "alice@example.com";
  static final String CAROL = "carol@example.com";
  static final String TOKEN = SandboxProperties.DEFAULT_API_TOKEN;
  static final String API = "/rest/api/3";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final HttpClient client = HttpClient.newHttpClient();
  private final String base;

  SandboxHttp(int port) {
    this.base = "http://localhost:" + port + "/sandbox/atlassian";
  }

  String base() {
    return base;
  }

  static String basic(String email, String token) {
    return "Basic " + Base64.getEncoder().encodeToString((email + ":" + token).getBytes(StandardCharsets.UTF_8));
  }

  Response get(String as, String path) {
    return send("GET", path, as == null ? null : basic(as, TOKEN), null);
  }

  Response post(String as, String path, String json) {
    return send("POST", path, as == null ? null : basic(as, TOKEN), json);
  }

  Response delete(String as, String path) {
    return send("DELETE", path, as == null ? null : basic(as, TOKEN), null);
  }

  Response send(String method, String path, String authorization, String json) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    try {
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body(), response.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  record Response(int status, String body, HttpHeaders headers) {

    JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("Not JSON: " + body, e);
      }
    }

    String contentType() {
      return headers.firstValue("Content-Type").orElse("");
    }

    /** The single error message of an ErrorCollection. */
    String errorMessage() {
      JsonNode json = json();
      if (!json.has("errors") || json.get("errorMessages").size() != 1) {
        throw new AssertionError("Not an ErrorCollection with one message: " + body);
      }
      return json.get("errorMessages").get(0).asText();
    }
  }
}
