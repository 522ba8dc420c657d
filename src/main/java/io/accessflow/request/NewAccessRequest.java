package io.accessflow.request;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The body of {@code POST /api/access-requests}. It is read from the JSON tree by hand, not bound
 * by Jackson, because Jackson would quietly turn {@code 42} into {@code "42"} and skip unknown
 * fields; here each wrong type and each unknown field becomes an error that names the field.
 */
@Schema(name = "NewAccessRequest", description = "What to ask for; the requester is the authenticated caller.")
record NewAccessRequest(
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"ADD_USER_TO_GROUP", "REMOVE_USER_FROM_GROUP",
        "ADD_USER_TO_PROJECT_ROLE", "REMOVE_USER_FROM_PROJECT_ROLE", "CREATE_USER", "CREATE_GROUP"}) String type,
    @Schema(description = "whom the request is for (or accountId); empty = the requester; required for CREATE_USER",
        example = "dave@example.com") String userEmail,
    @Schema(description = "the Atlassian accountId of whom the request is for, instead of userEmail") String accountId,
    @Schema(description = "group requests and CREATE_GROUP", example = "alpha-developers") String groupName,
    @Schema(description = "project-role requests", example = "ALPHA") String projectKey,
    @Schema(description = "project-role requests", example = "Developers") String roleName,
    @ArraySchema(arraySchema = @Schema(description = "CREATE_USER: the products the account may use; [] for none"),
        schema = @Schema(allowableValues = {"jira-software", "jira-servicedesk", "jira-core", "jira-product-discovery"}))
    List<String> products,
    @Schema(description = "why, up to 2000 characters", example = "Joins the Alpha team") String reason) {

  static final String TYPE = "type";
  private static final Set<String> TEXT_FIELDS = Set.of(TYPE, "userEmail", "accountId", "groupName", "projectKey", "roleName", "reason");
  private static final String PRODUCTS = "products";
  private static final String FIELDS = "type, userEmail, accountId, groupName, projectKey, roleName, products, reason";

  /**
   * The request in the body; each problem with its JSON shape (a field of the wrong JSON type, an
   * unknown field) is added to {@code shapeErrors} and the field left out, so that the format
   * checks can still judge the other fields. Blank strings count as not given, as in the process.
   */
  static NewAccessRequest read(JsonNode body, List<RequestError> shapeErrors) {
    if (body == null || !body.isObject()) {
      throw new InvalidRequestException(null, "The body must be a JSON object with the fields " + FIELDS + ".");
    }
    Map<String, String> errors = new LinkedHashMap<>();
    Map<String, String> texts = new LinkedHashMap<>();
    List<String> products = null;
    Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey();
      JsonNode value = field.getValue();
      if (TEXT_FIELDS.contains(name)) {
        if (value.isTextual()) {
          texts.put(name, value.asText().isBlank() ? null : value.asText().strip());
        } else if (!value.isNull()) {
          errors.put(name, "must be a string, not " + kind(value));
        }
      } else if (PRODUCTS.equals(name)) {
        if (value.isArray()) {
          products = new ArrayList<>();
          for (JsonNode element : value) {
            if (!element.isTextual()) {
              errors.put(name, "must be an array of product keys (strings) such as [\"jira-software\"], not contain " + kind(element));
              break;
            }
            products.add(element.asText().strip());
          }
          if (errors.containsKey(name)) {
            products = null;
          }
        } else if (!value.isNull()) {
          errors.put(name, "must be an array of product keys (strings) such as [\"jira-software\"], not " + kind(value));
        }
      } else if ("requester".equals(name)) {
        errors.put(name, "is not accepted: the requester is always the authenticated caller");
      } else {
        errors.put(ApiException.shorten(name), "is not a field of an access request; the fields are " + FIELDS);
      }
    }
    errors.forEach((field, problem) -> shapeErrors.add(new RequestError(field, problem)));
    return new NewAccessRequest(texts.get(TYPE), texts.get("userEmail"), texts.get("accountId"), texts.get("groupName"),
        texts.get("projectKey"), texts.get("roleName"), products == null ? null : List.copyOf(products), texts.get("reason"));
  }

  /** The request as the process sees it, asked by {@code requester}. */
  AccessRequest toAccessRequest(String requester) {
    return new AccessRequest(type, userEmail, accountId, groupName, projectKey, roleName, products, reason, requester);
  }

  /** The API's name of a process variable named in an error. */
  static String apiField(String variable) {
    return RequestVariables.REQUEST_TYPE.equals(variable) ? TYPE : variable;
  }

  private static String kind(JsonNode value) {
    return switch (value.getNodeType()) {
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case OBJECT -> "an object";
      case ARRAY -> "an array";
      case NULL -> "null";
      default -> "a " + value.getNodeType().name().toLowerCase();
    };
  }
}
