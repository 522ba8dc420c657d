package io.accessflow.atlassian;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Response;
import feign.codec.ErrorDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Maps Atlassian's error answers to {@link AtlassianException}s: status first, then the
 * {@code ErrorCollection} body ({@code {"errorMessages":[..],"errors":{field:msg}}}) for the messages.
 * Never reads or repeats request headers, so credentials cannot leak into a message.
 */
final class AtlassianErrorDecoder implements ErrorDecoder {

  static final String PASSWORD_DEPRECATED = "Basic authentication with passwords is deprecated";
  private static final int MAX_BODY = 16 * 1024;
  private static final int MAX_MESSAGE = 300;

  private final ObjectMapper mapper;

  AtlassianErrorDecoder(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public Exception decode(String methodKey, Response response) {
    String operation = operation(methodKey);
    int status = response.status();
    String body = body(response);
    List<String> messages = messages(body);
    Duration retryAfter = retryAfter(response.headers().get("Retry-After"));
    return switch (status) {
      case 400 -> new AtlassianException.BadRequest(operation, messages);
      case 401 -> new AtlassianException.AuthenticationFailed(operation, messages, body.contains(PASSWORD_DEPRECATED));
      case 403 -> new AtlassianException.Forbidden(operation, messages);
      case 404 -> new AtlassianException.NotFound("the target of " + operation, status, messages);
      case 409 -> new AtlassianException.AlreadyExists("the target of " + operation, status, messages);
      case 429 -> new AtlassianException.RateLimited(operation, status, retryAfter == null ? Duration.ZERO : retryAfter);
      default -> status == 503 && retryAfter != null
          ? new AtlassianException.RateLimited(operation, status, retryAfter)
          : new AtlassianException.Unavailable("Atlassian could not answer " + operation, status, messages, retryAfter, null);
    };
  }

  /** {@code AtlassianApi#addUserToGroup(String,AccountId)} → {@code addUserToGroup}. */
  static String operation(String methodKey) {
    int hash = methodKey.indexOf('#');
    int paren = methodKey.indexOf('(');
    return hash >= 0 && paren > hash ? methodKey.substring(hash + 1, paren) : methodKey;
  }

  private static String body(Response response) {
    if (response.body() == null) {
      return "";
    }
    try (InputStream in = response.body().asInputStream()) {
      return new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private List<String> messages(String body) {
    List<String> messages = new ArrayList<>();
    String trimmed = body.strip();
    if (trimmed.isEmpty()) {
      return messages;
    }
    try {
      JsonNode json = mapper.readTree(trimmed);
      json.path("errorMessages").forEach(m -> messages.add(m.asText()));
      json.path("errors").fields().forEachRemaining(e -> messages.add(e.getKey() + ": " + e.getValue().asText()));
      if (json.hasNonNull("message")) {
        messages.add(json.get("message").asText());
      }
      return messages;
    } catch (IOException notJson) {
      // plain text (e.g. the 401 about deprecated passwords) or an HTML error page
      if (!trimmed.startsWith("<")) {
        messages.add(trimmed.length() > MAX_MESSAGE ? trimmed.substring(0, MAX_MESSAGE) + "…" : trimmed);
      }
      return messages;
    }
  }

  /** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(Collection<String> values) {
    if (values == null || values.isEmpty()) {
      return null;
    }
    String value = values.iterator().next().strip();
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
    } catch (NumberFormatException notSeconds) {
      try {
        Duration until = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
        return until.isNegative() ? Duration.ZERO : until;
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }
}
