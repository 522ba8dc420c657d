package io.accessflow.sandbox;

import io.accessflow.atlassian.SiteMode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/** Every call the sandbox answered, so tests can prove what the connector did (and did not) send. */
@Component
@Conditional(SiteMode.OnSandbox.class)
public class SandboxCallLog {

  private final List<SandboxCall> calls = new CopyOnWriteArrayList<>();

  void record(SandboxCall call) {
    calls.add(call);
  }

  /** The calls in the order they finished. */
  public List<SandboxCall> calls() {
    return List.copyOf(calls);
  }

  public void clear() {
    calls.clear();
  }

  public long count(String method, String path) {
    return calls.stream().filter(c -> c.method().equals(method) && c.path().equals(path)).count();
  }

  public long count(String method, String path, int status) {
    return calls.stream().filter(c -> c.method().equals(method) && c.path().equals(path) && c.status() == status).count();
  }
}
