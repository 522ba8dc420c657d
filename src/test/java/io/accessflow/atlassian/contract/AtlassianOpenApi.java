package io.accessflow.atlassian.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.OpenApiInteractionValidator.SpecSource;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.report.ValidationReport.Level;
import com.atlassian.oai.validator.report.ValidationReport.Message;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.atlassian.oai.validator.util.OpenApiLoader;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Atlassian's OpenAPI document for the Jira Cloud platform REST API v3, as a validator of
 * sandbox exchanges.
 *
 * <p>The document lives outside the repository (see {@code ../shared/atlassian/README.md}); its
 * location comes from the system property {@value #PROPERTY}, which Surefire passes from the Maven
 * property of the same name. Relative locations are resolved against the working directory, which
 * Surefire sets to the project directory. Not configured: contract checks are skipped. Configured
 * but missing: every user fails, because a silent skip in CI would hide all contract violations.
 */
public final class AtlassianOpenApi {

  public static final String PROPERTY = "atlassian.openapi";

  private static final Logger LOG = LoggerFactory.getLogger(AtlassianOpenApi.class);
  private static final Object LOCK = new Object();
  private static volatile Optional<AtlassianOpenApi> loaded;
  private static volatile RuntimeException loadFailure;
  private static final AtomicBoolean skipAnnounced = new AtomicBoolean();

  private final OpenApiInteractionValidator validator;
  private final SchemaValidator schemaValidator;
  private final Schema<?> errorCollection;

  private AtlassianOpenApi(OpenAPI api) {
    LevelResolver levels = LevelResolver.create()
        // Atlassian ignores unknown query parameters silently (e.g. "groupname" where group/bulk
        // wants "groupName"), so a typo would go unnoticed against the real site; here it fails.
        .withLevel("validation.request.parameter.query.unexpected", Level.ERROR)
        .build();
    this.validator = OpenApiInteractionValidator.createFor(api).withLevelResolver(levels).build();
    this.schemaValidator = new SchemaValidator(api, new MessageResolver(levels));
    this.errorCollection = api.getComponents().getSchemas().get("ErrorCollection");
    if (errorCollection == null) {
      throw new IllegalStateException("The OpenAPI document has no ErrorCollection schema");
    }
  }

  /** The document, or empty when {@value #PROPERTY} is not set. Parsed once per JVM. */
  public static Optional<AtlassianOpenApi> get() {
    Optional<AtlassianOpenApi> result = loaded;
    if (result != null) {
      return result;
    }
    synchronized (LOCK) {
      if (loaded == null && loadFailure == null) {
        try {
          loaded = locate(System.getProperty(PROPERTY)).map(AtlassianOpenApi::parse);
        } catch (RuntimeException e) {
          loadFailure = e;
        }
      }
      if (loadFailure != null) {
        // a fresh exception per caller, so every test that needs the document fails with the reason
        throw new IllegalStateException(loadFailure.getMessage(), loadFailure);
      }
      return loaded;
    }
  }

  /** The document for a dedicated contract test; aborts (skips) the test when not configured. */
  public static AtlassianOpenApi require() {
    Optional<AtlassianOpenApi> api = get();
    if (api.isEmpty()) {
      if (!skipAnnounced.getAndSet(true)) {
        // Surefire's console shows only a count of skipped tests; say once why
        LOG.warn(notConfiguredMessage());
      }
      Assumptions.abort(notConfiguredMessage());
    }
    return api.get();
  }

  static String notConfiguredMessage() {
    return "Contract checks against Atlassian's OpenAPI document skipped: system property '"
        + PROPERTY + "' is not set (e.g. ./mvnw test -D" + PROPERTY
        + "=../shared/atlassian/jira-platform-openapi-v3.json, as .ci/run does)";
  }

  /** Where the document is: empty when not configured; fails when configured but not readable. */
  static Optional<Path> locate(String configured) {
    if (configured == null || configured.isBlank()) {
      return Optional.empty();
    }
    Path path = Path.of(configured.trim());
    Path absolute = path.toAbsolutePath().normalize();
    if (!Files.isRegularFile(absolute) || !Files.isReadable(absolute)) {
      throw new IllegalStateException("Atlassian's OpenAPI document not found: " + PROPERTY + "="
          + configured + " (resolved to " + absolute + "). Fix the path or leave the property empty"
          + " to skip the contract checks.");
    }
    return Optional.of(absolute);
  }

  static AtlassianOpenApi parse(Path document) {
    long start = System.nanoTime();
    // the options OpenApiInteractionValidator uses itself; loading here keeps the model at hand
    // for the ErrorCollection check below
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    options.setResolveFully(true);
    options.setResolveCombinators(false);
    OpenAPI api = new OpenApiLoader()
        .loadApi(SpecSource.specUrl(document.toUri().toString()), List.of(), options);
    AtlassianOpenApi result = new AtlassianOpenApi(api);
    LOG.info("Parsed Atlassian's OpenAPI document {} in {} ms", document,
        (System.nanoTime() - start) / 1_000_000);
    return result;
  }

  /** Violations of the request part of one exchange alone. */
  public List<String> requestViolations(Exchange exchange) {
    return validator.validateRequest(exchange.toRequest()).getMessages().stream()
        .filter(m -> m.getLevel() == Level.ERROR)
        .map(m -> describe(exchange, m))
        .toList();
  }

  /** Contract violations of one exchange; empty when it is what Atlassian's document describes. */
  public List<String> violations(Exchange exchange) {
    ValidationReport report = injectedFault(exchange.status())
        ? validator.validateRequest(exchange.toRequest())
        : validator.validate(exchange.toRequest(), exchange.toResponse());
    List<String> violations = new ArrayList<>();
    for (Message message : report.getMessages()) {
      if (message.getLevel() != Level.ERROR || undocumentedAuthenticationFailure(exchange, message)) {
        continue;
      }
      if (undocumentedErrorBody(exchange, message)) {
        errorCollectionViolations(exchange).forEach(m -> violations.add(describe(exchange, m)));
        continue;
      }
      violations.add(describe(exchange, message));
    }
    return violations;
  }

  /**
   * 429 and 5xx are faults the sandbox injects (rate limit, outage) to exercise our retries. The
   * document lists 429 on few operations and 5xx almost nowhere, and their bodies are whatever a
   * proxy or the rate limiter sends, so only the request part is a contract of ours there.
   */
  private static boolean injectedFault(int status) {
    return status == 429 || status >= 500;
  }

  /**
   * A 401 from Atlassian is either {@code text/plain} ("Basic authentication with passwords is
   * deprecated...") or {@code {"message":...,"status-code":401}}, whatever the operation documents.
   * Only the shape of that body is exempt; a 401 on an operation that does not document 401 is
   * still reported.
   */
  private static boolean undocumentedAuthenticationFailure(Exchange exchange, Message message) {
    return exchange.status() == 401
        && (message.getKey().startsWith("validation.response.body.")
            || message.getKey().startsWith("validation.response.contentType."));
  }

  /**
   * Most operations document 400/403/404 without a body, yet Jira answers them with an
   * ErrorCollection ({@code {"errorMessages":[...],"errors":{...}}}), and operations that do
   * describe an error body describe exactly that. So where the document is silent, the body must
   * be an ErrorCollection; where it describes one, the validator checks it as usual.
   */
  private static boolean undocumentedErrorBody(Exchange exchange, Message message) {
    int status = exchange.status();
    return (status == 400 || status == 403 || status == 404)
        && message.getKey().equals("validation.response.body.unexpected");
  }

  private List<Message> errorCollectionViolations(Exchange exchange) {
    String contentType = exchange.responseContentType();
    if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
      return List.of(Message.create("validation.response.contentType.notAllowed",
          "Error body with Content-Type '" + contentType + "'; Jira sends an ErrorCollection as"
              + " application/json").build());
    }
    return schemaValidator.validate(exchange.responseBody(), errorCollection, "response.body")
        .getMessages().stream()
        .filter(m -> m.getLevel() == Level.ERROR)
        .toList();
  }

  private static String describe(Exchange exchange, Message message) {
    StringBuilder text = new StringBuilder(exchange.describe())
        .append(": [").append(message.getKey()).append("] ").append(message.getMessage());
    message.getAdditionalInfo().forEach(info -> text.append("; ").append(info));
    message.getNestedMessages().forEach(nested -> text.append("; ").append(nested.getMessage()));
    return text.toString();
  }
}
