package dev.dfs.observe;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

/** CPU and memory of this process, as fractions 0..1 (-1 when the JVM cannot tell). Thread-safe. */
public final class SystemStats {
  private SystemStats() {}

  /** Recent CPU load of this process over all cores, 0..1, or -1. */
  public static double processCpuLoad() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      double v = os.getProcessCpuLoad();
      return v < 0 || Double.isNaN(v) ? -1 : v;
    }
    return -1;
  }

  /** Heap in use / maximum heap, 0..1. */
  public static double heapUsage() {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
    return max <= 0 ? -1 : (double) heap.getUsed() / max;
  }
}
