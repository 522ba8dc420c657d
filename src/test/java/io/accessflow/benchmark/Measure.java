package io.accessflow.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CPU time of this process (app and clients share it), split by thread pool, and peak heap over a
 * measured stretch.
 */
record Measure(long cpuNanos, Map<Long, Long> threadCpu, Map<Long, String> threadNames, long gcMillis, long jitMillis,
    Map<String, Long> vmThreadTicks) {

  /** GC and JIT: the collectors' and compilers' elapsed time, which their own threads spend. */
  record Used(double cpuSeconds, long peakHeapMb, Map<String, Double> cpuByThread, double gcSeconds, double jitSeconds) {}

  static Measure start() {
    System.gc();
    heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    Map<Long, String> names = new ConcurrentHashMap<>();
    return new Measure(processCpuNanos(), threadCpu(names), names, collectorMillis(), compilerMillis(), readVmThreadTicks());
  }

  Used stop() {
    long peak = heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    Map<Long, String> names = new ConcurrentHashMap<>(threadNames);
    Map<Long, Long> now = threadCpu(names);
    // threads that ended meanwhile are missing here; the total above still counts them
    Map<String, Double> byPool = new TreeMap<>();
    now.forEach((id, nanos) -> byPool.merge(pool(names.get(id)), (nanos - threadCpu.getOrDefault(id, 0L)) / 1e9, Double::sum));
    // the JVM's own threads (JIT compilers, garbage collectors), which Java's thread list leaves out
    readVmThreadTicks().forEach((pool, ticks) -> byPool.merge(pool + " (JVM)", (ticks - vmThreadTicks.getOrDefault(pool, 0L)) / 100.0,
        Double::sum));
    byPool.replaceAll((pool, seconds) -> Benchmark.round(seconds));
    byPool.values().removeIf(seconds -> seconds < 0.05);
    return new Used((processCpuNanos() - cpuNanos) / 1e9, peak >> 20, byPool, Benchmark.round((collectorMillis() - gcMillis) / 1e3),
        Benchmark.round((compilerMillis() - jitMillis) / 1e3));
  }

  /**
   * CPU ticks (1/100 s) of the JVM's compiler and collector threads, read from Linux's
   * {@code /proc/self/task}; empty elsewhere.
   */
  private static Map<String, Long> readVmThreadTicks() {
    Map<String, Long> ticks = new LinkedHashMap<>();
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return ticks;
    }
    try (var threads = Files.list(tasks)) {
      threads.forEach(task -> {
        try {
          String stat = Files.readString(task.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          String pool = name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler") ? "JIT compiler"
              : name.startsWith("GC Thread") || name.startsWith("G1 ") ? "garbage collector" : null;
          if (pool != null) {
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after the name: state is field 3 of stat; utime and stime are fields 14 and 15
            ticks.merge(pool, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
          }
        } catch (IOException | RuntimeException e) {
          // a thread that ended meanwhile
        }
      });
    } catch (IOException e) {
      return Map.of();
    }
    return ticks;
  }

  private static long collectorMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(gc -> Math.max(0, gc.getCollectionTime())).sum();
  }

  private static long compilerMillis() {
    return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
  }

  /** "http-nio-auto-1-exec-3" and "http-nio-auto-1-exec-7" are one pool. */
  private static String pool(String thread) {
    return thread.replaceAll("-?\\d+", "").replaceAll("-+$", "");
  }

  private static Map<Long, Long> threadCpu(Map<Long, String> names) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<Long, Long> cpu = new LinkedHashMap<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null) {
        long nanos = threads.getThreadCpuTime(info.getThreadId());
        if (nanos >= 0) {
          cpu.put(info.getThreadId(), nanos);
          names.putIfAbsent(info.getThreadId(), info.getThreadName());
        }
      }
    }
    return cpu;
  }

  private static List<MemoryPoolMXBean> heapPools() {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
