package io.accessflow.request;

import static io.accessflow.request.RequestVariables.ACCOUNT_ID;
import static io.accessflow.request.RequestVariables.GROUP_NAME;
import static io.accessflow.request.RequestVariables.PRODUCTS;
import static io.accessflow.request.RequestVariables.PROJECT_KEY;
import static io.accessflow.request.RequestVariables.REASON;
import static io.accessflow.request.RequestVariables.REQUESTER;
import static io.accessflow.request.RequestVariables.REQUEST_TYPE;
import static io.accessflow.request.RequestVariables.ROLE_NAME;
import static io.accessflow.request.RequestVariables.USER_EMAIL;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.json.SpinJsonNode;

/**
 * What a requester asked for, as given (strings may be null or blank). {@code products} is null
 * when not given at all, which differs from an empty list ("no product access").
 */
public record AccessRequest(String requestType, String userEmail, String accountId, String groupName,
    String projectKey, String roleName, List<String> products, String reason, String requester) {

  public static AccessRequest from(VariableScope variables) {
    return from(variables::getVariable);
  }

  /** From variables by name, e.g. the ones a start call over {@code /engine-rest} carries. */
  public static AccessRequest from(Function<String, Object> variables) {
    return new AccessRequest(text(variables, REQUEST_TYPE), text(variables, USER_EMAIL), text(variables, ACCOUNT_ID),
        text(variables, GROUP_NAME), text(variables, PROJECT_KEY), text(variables, ROLE_NAME),
        products(variables.apply(PRODUCTS)), text(variables, REASON), text(variables, REQUESTER));
  }

  private static String text(Function<String, Object> variables, String name) {
    Object value = variables.apply(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw new InvalidRequestException(name, "must be a String variable, not " + value.getClass().getSimpleName());
    }
    return text.isBlank() ? null : text.strip();
  }

  /**
   * Products as a Json array ({@code ["jira-software"]}), a list, or a comma-separated string
   * (the Tasklist form); an empty string or array means no product access.
   */
  static List<String> products(Object value) {
    if (value == null) {
      return null;
    }
    List<String> products = new ArrayList<>();
    if (value instanceof String text) {
      for (String part : text.split(",")) {
        if (!part.isBlank()) {
          products.add(part.strip());
        }
      }
    } else if (value instanceof SpinJsonNode json && json.isArray()) {
      for (SpinJsonNode element : json.elements()) {
        if (!element.isString()) {
          throw new InvalidRequestException(PRODUCTS, "must be an array of product keys (strings)");
        }
        products.add(element.stringValue().strip());
      }
    } else if (value instanceof Collection<?> list) {
      for (Object element : list) {
        if (!(element instanceof String text)) {
          throw new InvalidRequestException(PRODUCTS, "must be a list of product keys (strings)");
        }
        products.add(text.strip());
      }
    } else {
      throw new InvalidRequestException(PRODUCTS,
          "must be a Json array such as [\"jira-software\"] or a comma-separated String");
    }
    return List.copyOf(products);
  }
}
