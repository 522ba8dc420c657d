package io.accessflow.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * Counts the engine's outermost commands by kind: each is one transaction. Registered into the
 * benchmarked app as an engine plugin, so the benchmark can say which work a request costs.
 */
final class CommandCount extends AbstractProcessEnginePlugin {

  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> interceptors = new ArrayList<>();
    if (configuration.getCustomPreCommandInterceptorsTxRequired() != null) {
      interceptors.addAll(configuration.getCustomPreCommandInterceptorsTxRequired());
    }
    interceptors.add(new CommandInterceptor() {
      @Override
      public <T> T execute(Command<T> command) {
        if (Context.getCommandContext() == null) {
          counts.computeIfAbsent(command.getClass().getName(), k -> new LongAdder()).increment();
        }
        return next.execute(command);
      }
    });
    configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
  }

  void clear() {
    counts.clear();
  }

  Map<String, Long> snapshot() {
    Map<String, Long> copy = new java.util.TreeMap<>();
    counts.forEach((name, count) -> copy.put(name.substring(name.lastIndexOf('.') + 1), count.sum()));
    return copy;
  }
}
