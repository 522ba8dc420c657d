package io.accessflow.atlassian;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Jira's offset page ({@code PageBean*}). */
@JsonIgnoreProperties(ignoreUnknown = true)
record Page<T>(Integer startAt, Integer maxResults, Long total, @JsonProperty("isLast") Boolean isLast, List<T> values) {

  Page {
    values = values == null ? List.of() : values;
  }

  boolean last() {
    if (isLast != null) {
      return isLast;
    }
    return total != null && startAt != null && startAt + values.size() >= total;
  }
}
