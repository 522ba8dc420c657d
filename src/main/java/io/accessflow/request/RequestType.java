package io.accessflow.request;

import java.util.Arrays;
import java.util.Optional;

/** The six kinds of access request; the BPMN routes on their names. */
public enum RequestType {
  ADD_USER_TO_GROUP("add %s to group %s"),
  REMOVE_USER_FROM_GROUP("remove %s from group %s"),
  ADD_USER_TO_PROJECT_ROLE("add %s to %s"),
  REMOVE_USER_FROM_PROJECT_ROLE("remove %s from %s"),
  CREATE_USER("create an account for %s with %s"),
  CREATE_GROUP("create the group %s%s");

  private final String phrase;

  RequestType(String phrase) {
    this.phrase = phrase;
  }

  /** The change in words, e.g. "add Dave Newcomer (dave@example.com) to group alpha-developers". */
  public String describe(String subject, String target) {
    return phrase.formatted(subject, target);
  }

  public boolean isGroupMembership() {
    return this == ADD_USER_TO_GROUP || this == REMOVE_USER_FROM_GROUP;
  }

  public boolean isProjectRole() {
    return this == ADD_USER_TO_PROJECT_ROLE || this == REMOVE_USER_FROM_PROJECT_ROLE;
  }

  public boolean isRemoval() {
    return this == REMOVE_USER_FROM_GROUP || this == REMOVE_USER_FROM_PROJECT_ROLE;
  }

  public static Optional<RequestType> parse(String value) {
    return Arrays.stream(values()).filter(t -> t.name().equals(value)).findFirst();
  }
}
