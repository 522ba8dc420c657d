package io.accessflow.benchmark;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * The CPU time the app's HTTP threads spend per kind of call, all filters included: the request
 * API, engine-rest's task list and completion, and the sandbox answering accessflow's Atlassian
 * calls (which a real site would spend). Registered into the benchmarked app as the outermost filter.
 */
final class HttpCpu implements Filter {

  private static final Pattern ID = Pattern.compile("/[0-9a-f]{8}-[0-9a-f-]{27}(?=/|$)");

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Map<String, LongAdder> nanos = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
    long start = threads.getCurrentThreadCpuTime();
    try {
      chain.doFilter(request, response);
    } finally {
      HttpServletRequest http = (HttpServletRequest) request;
      String path = http.getRequestURI().substring(http.getContextPath().length());
      String kind = http.getMethod() + " " + (path.startsWith("/sandbox/") ? "/sandbox (Atlassian's side)" : ID.matcher(path).replaceAll("/{id}"));
      nanos.computeIfAbsent(kind, k -> new LongAdder()).add(threads.getCurrentThreadCpuTime() - start);
      calls.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }
  }

  void clear() {
    nanos.clear();
    calls.clear();
  }

  /** Per kind of call: calls and CPU milliseconds per access request. */
  Map<String, Map<String, Double>> perRequest(int requests) {
    Map<String, Map<String, Double>> result = new TreeMap<>();
    nanos.forEach((kind, total) -> result.put(kind, Map.of(
        "calls", Math.round(calls.get(kind).sum() * 100.0 / requests) / 100.0,
        "cpuMs", Math.round(total.sum() / 1e4 / requests) / 100.0)));
    return result;
  }
}
