package io.accessflow.atlassian;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A failed call to Atlassian, typed by what the caller can do about it. Messages name the
 * operation, the HTTP status and Atlassian's own messages; they never contain credentials.
 */
public abstract sealed class AtlassianException extends RuntimeException {

  private final int status;
  private final List<String> atlassianMessages;

  AtlassianException(String message, int status, List<String> atlassianMessages, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.atlassianMessages = List.copyOf(atlassianMessages);
  }

  /** HTTP status Atlassian answered, 0 when there was no answer. */
  public int status() {
    return status;
  }

  /** Atlassian's own error messages ({@code ErrorCollection}), as given. */
  public List<String> atlassianMessages() {
    return atlassianMessages;
  }

  /** True when trying again later may succeed: rate limits and unavailability. */
  public boolean isTransient() {
    return this instanceof RateLimited || this instanceof Unavailable;
  }

  static String describe(String what, int status, List<String> messages) {
    StringBuilder text = new StringBuilder(what);
    if (status > 0) {
      text.append(" (HTTP ").append(status).append(')');
    }
    if (!messages.isEmpty()) {
      text.append(": ").append(String.join("; ", messages));
    }
    return text.toString();
  }

  /** The user, group, project, role or membership does not exist (or is not visible to the account). */
  public static final class NotFound extends AtlassianException {
    private final String subject;

    public NotFound(String subject, int status, List<String> messages) {
      super(describe(subject + " not found", status, messages), status, messages, null);
      this.subject = subject;
    }

    /** What was not found, e.g. {@code group 'alpha-developers'}. */
    public String subject() {
      return subject;
    }
  }

  /** The thing to create already exists, or the membership to add is already in place. */
  public static final class AlreadyExists extends AtlassianException {
    private final String subject;

    public AlreadyExists(String subject, int status, List<String> messages) {
      super(describe(subject + " already exists", status, messages), status, messages, null);
      this.subject = subject;
    }

    public String subject() {
      return subject;
    }
  }

  /** Atlassian refused the request as invalid (400); its messages say why. */
  public static final class BadRequest extends AtlassianException {
    public BadRequest(String operation, List<String> messages) {
      super(describe("Atlassian rejected " + operation + " as invalid", 400, messages), 400, messages, null);
    }
  }

  /** The email and API token were not accepted (401). */
  public static final class AuthenticationFailed extends AtlassianException {
    private final boolean secretIsNotAnApiToken;

    public AuthenticationFailed(String operation, List<String> messages, boolean secretIsNotAnApiToken) {
      super(describe("Atlassian did not accept the credentials for " + operation, 401, messages), 401, messages, null);
      this.secretIsNotAnApiToken = secretIsNotAnApiToken;
    }

    /**
     * True when Atlassian answered "Basic authentication with passwords is deprecated": the secret
     * is not an API token of this account (a password, an organization API key, a revoked token).
     */
    public boolean secretIsNotAnApiToken() {
      return secretIsNotAnApiToken;
    }
  }

  /** The account lacks a permission for this operation (403). */
  public static final class Forbidden extends AtlassianException {
    public Forbidden(String operation, List<String> messages) {
      super(describe("The Atlassian account may not " + operation, 403, messages), 403, messages, null);
    }
  }

  /** Atlassian asks to slow down (429, or 503 with {@code Retry-After}); try again after {@link #retryAfter()}. */
  public static final class RateLimited extends AtlassianException {
    private final Duration retryAfter;

    public RateLimited(String operation, int status, Duration retryAfter) {
      super(describe("Atlassian rate-limited " + operation + ", retry after " + retryAfter.toSeconds() + " s", status, List.of()),
          status, List.of(), null);
      this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
      return retryAfter;
    }
  }

  /** No usable answer: 5xx, an unexpected status, a connection failure or a timeout. */
  public static final class Unavailable extends AtlassianException {
    private final Duration retryAfter;

    public Unavailable(String message, int status, List<String> messages, Duration retryAfter, Throwable cause) {
      super(describe(message, status, messages), status, messages, cause);
      this.retryAfter = retryAfter;
    }

    /** A delay Atlassian asked for, if it gave one. */
    public Optional<Duration> retryAfter() {
      return Optional.ofNullable(retryAfter);
    }
  }
}
